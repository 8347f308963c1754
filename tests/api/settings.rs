use api::settings::{Environment, Secret, Settings};
use onward::Application;

#[tokio::test]
async fn production_will_not_start_without_a_strong_jwt_secret() {
    let settings = Settings {
        env: Environment::Production,
        bind: "127.0.0.1:0".into(),
        database_url: "postgres://127.0.0.1:1/never".into(),
        jwt_secret: Some(Secret::new("short")),
        ..Settings::default()
    };
    let error = Application::build(settings).await.err().expect("refused");
    assert!(error.to_string().contains("ONWARD_JWT_SECRET"), "{error}");
}

#[tokio::test]
async fn production_will_not_start_on_sqlite_unless_allowed() {
    let settings = Settings {
        env: Environment::Production,
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some(Secret::new("0123456789abcdef0123456789abcdef")),
        database_url: "sqlite::memory:".into(),
        ..Settings::default()
    };
    let error = Application::build(settings.clone())
        .await
        .err()
        .expect("refused");
    assert!(error.to_string().contains("ONWARD_ALLOW_SQLITE"), "{error}");

    let allowed = Settings {
        allow_sqlite: true,
        ..settings
    };
    let app = Application::build(allowed)
        .await
        .expect("starts when allowed");
    assert!(app.port() > 0);
}

#[tokio::test]
async fn demo_data_loads_idempotently() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = crate::helpers::spawn_app().await;
    let clock = app.state.clock.clone();
    let before = entity::user::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    api::service::demo::seed(&app.state.db, clock.as_ref(), &app.state.standards)
        .await
        .unwrap();
    let after = entity::user::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(before, 9);
    assert_eq!(after, before);
    let people = entity::young_person::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(people, 2);
}
