//! `/staff`: the staff directory managers and administrators allocate from.
use poem_openapi::{Object, OpenApi, param::Query, payload::Json};
use uuid::Uuid;

use super::{ApiTags, auth::BearerAuth, problem::ApiResult, types::RoleName};
use crate::{AppState, service::accounts};

pub struct StaffApi {
    pub state: AppState,
}

#[derive(Debug, Object)]
pub struct StaffMemberBody {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub roles: Vec<RoleName>,
}

#[derive(Debug, Object)]
pub struct StaffList {
    pub staff: Vec<StaffMemberBody>,
}

#[OpenApi(tag = "ApiTags::Staff")]
impl StaffApi {
    /// List staff in your authority
    ///
    /// For managers and administrators, to choose whom to allocate.
    #[oai(path = "/staff", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        role: Query<Option<RoleName>>,
    ) -> ApiResult<Json<StaffList>> {
        let staff =
            accounts::staff_directory(&self.state, &auth.caller(), role.0.map(Into::into)).await?;
        Ok(Json(StaffList {
            staff: staff
                .into_iter()
                .map(|member| StaffMemberBody {
                    id: member.id,
                    name: member.name,
                    email: member.email,
                    roles: member.roles.into_iter().map(Into::into).collect(),
                })
                .collect(),
        }))
    }
}
