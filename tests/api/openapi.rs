use reqwest::Method;

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_operation_has_a_summary_a_tag_and_declares_401_and_403_as_problems() {
    let app = spawn_app().await;
    let spec = app
        .request(Method::GET, "/api/openapi.json", None, None)
        .await
        .body;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().expect("paths");
    let mut operations = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let name = format!("{method} {path}");
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{name} has a summary"
            );
            assert!(
                operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{name} has a tag"
            );
            for status in ["401", "403", "422", "500"] {
                let response = &operation["responses"][status];
                assert!(
                    response["content"]["application/problem+json"].is_object(),
                    "{name} declares {status} as problem+json"
                );
            }
        }
    }
    assert!(operations >= 10, "found {operations} operations");
    assert!(paths.contains_key("/young-people/{id}"));

    // Request bodies refuse unknown fields, and the spec says so; optional values may be null.
    let schemas = &spec["components"]["schemas"];
    assert_eq!(schemas["NewYoungPersonBody"]["additionalProperties"], false);
    assert_eq!(
        schemas["NewYoungPersonBody"]["properties"]["date_of_birth"]["format"],
        "date"
    );
    assert_eq!(
        schemas["YoungPersonBody"]["properties"]["pronouns"]["nullable"],
        true
    );
    assert_eq!(spec["servers"][0]["url"], "/api/v1");
}
