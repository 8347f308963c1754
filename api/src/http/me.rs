//! `/me`: who the token belongs to.
use poem_openapi::{Object, OpenApi, payload::Json};
use uuid::Uuid;

use super::{ApiTags, auth::BearerAuth, problem::ApiResult, types::RoleName};

pub struct MeApi;

#[derive(Debug, Object)]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub roles: Vec<RoleName>,
    /// Set when the account belongs to a young person: their own record's id.
    #[oai(nullable)]
    pub young_person_id: Option<Uuid>,
}

#[OpenApi(tag = "ApiTags::Me")]
impl MeApi {
    /// Who am I?
    ///
    /// The signed-in account: name, roles, and for a young person their record's id.
    #[oai(path = "/me", method = "get")]
    async fn me(&self, auth: BearerAuth) -> ApiResult<Json<Me>> {
        let account = &auth.0.account;
        Ok(Json(Me {
            id: account.id,
            email: account.email.clone(),
            name: account.name.clone(),
            roles: account.roles.iter().map(|&role| role.into()).collect(),
            young_person_id: account.young_person_id,
        }))
    }
}
