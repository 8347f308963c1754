//! Pathway plans: the draft with `ETag`/`If-Match`, agreeing it, its versions, and the young
//! person's views.
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Header, Path},
    payload::Json,
};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    problem::ApiResult,
    types::{Date, Text},
};
use crate::{
    AppState,
    domain::{
        pathway_plans::{Plan, PlanAction, Section, SectionContent},
        roles::Role,
    },
    error::Error,
    service::pathway_plans::{self, AgreedVersion, Agreement, Draft},
};

pub struct PathwayPlansApi {
    pub state: AppState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum)]
#[oai(rename_all = "snake_case")]
pub enum SectionName {
    Accommodation,
    EducationTrainingAndEmployment,
    HealthAndWellbeing,
    RelationshipsAndFamily,
    Money,
    PracticalSkills,
    Identity,
    Participation,
    Contingency,
}

const SECTIONS: [(SectionName, Section); 9] = [
    (SectionName::Accommodation, Section::Accommodation),
    (
        SectionName::EducationTrainingAndEmployment,
        Section::EducationTrainingAndEmployment,
    ),
    (SectionName::HealthAndWellbeing, Section::HealthAndWellbeing),
    (
        SectionName::RelationshipsAndFamily,
        Section::RelationshipsAndFamily,
    ),
    (SectionName::Money, Section::Money),
    (SectionName::PracticalSkills, Section::PracticalSkills),
    (SectionName::Identity, Section::Identity),
    (SectionName::Participation, Section::Participation),
    (SectionName::Contingency, Section::Contingency),
];

impl From<Section> for SectionName {
    fn from(section: Section) -> Self {
        SECTIONS
            .iter()
            .find(|(_, s)| *s == section)
            .map(|(n, _)| *n)
            .expect("every section has a name")
    }
}

impl From<SectionName> for Section {
    fn from(name: SectionName) -> Self {
        SECTIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .expect("every name has a section")
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct PlanActionBody {
    #[oai(validator(max_length = 500))]
    pub what: Text,
    #[oai(validator(max_length = 200))]
    pub who: Text,
    #[oai(nullable)]
    pub by_when: Option<Date>,
    #[oai(default)]
    pub done: bool,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct PlanSectionBody {
    pub section: SectionName,
    /// What the young person needs.
    #[oai(validator(max_length = 5000))]
    pub needs: Text,
    #[oai(validator(max_items = 20))]
    pub actions: Vec<PlanActionBody>,
    /// The young person's own words.
    #[oai(validator(max_length = 5000))]
    pub own_words: Text,
}

/// The whole plan; sections left out are empty.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct PlanInput {
    #[oai(validator(max_items = 9))]
    pub sections: Vec<PlanSectionBody>,
}

impl From<PlanInput> for Plan {
    fn from(input: PlanInput) -> Self {
        Plan {
            sections: input
                .sections
                .into_iter()
                .map(|s| {
                    (
                        s.section.into(),
                        SectionContent {
                            needs: s.needs.into_string().trim().to_owned(),
                            actions: s
                                .actions
                                .into_iter()
                                .map(|a| PlanAction {
                                    what: a.what.into_string().trim().to_owned(),
                                    who: a.who.into_string().trim().to_owned(),
                                    by_when: a.by_when.map(|d| d.0),
                                    done: a.done,
                                })
                                .collect(),
                            own_words: s.own_words.into_string().trim().to_owned(),
                        },
                    )
                })
                .collect(),
        }
    }
}

#[derive(Debug, Object)]
pub struct PlanActionOut {
    pub what: String,
    pub who: String,
    #[oai(nullable)]
    pub by_when: Option<Date>,
    pub done: bool,
}

#[derive(Debug, Object)]
pub struct PlanSectionOut {
    pub section: SectionName,
    pub title: String,
    pub needs: String,
    pub actions: Vec<PlanActionOut>,
    pub own_words: String,
}

fn sections(plan: &Plan) -> Vec<PlanSectionOut> {
    plan.in_order()
        .into_iter()
        .map(|(section, content)| PlanSectionOut {
            section: section.into(),
            title: section.title().to_owned(),
            needs: content.needs,
            actions: content
                .actions
                .into_iter()
                .map(|a| PlanActionOut {
                    what: a.what,
                    who: a.who,
                    by_when: a.by_when.map(Into::into),
                    done: a.done,
                })
                .collect(),
            own_words: content.own_words,
        })
        .collect()
}

#[derive(Debug, Object)]
pub struct PlanCommentBody {
    pub section: SectionName,
    pub body: String,
    pub written_by: String,
    pub written_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Object)]
pub struct DraftBody {
    /// The draft's version, also sent as the `ETag`: send it back in `If-Match` to save.
    pub version: i32,
    /// Every section, in order.
    pub sections: Vec<PlanSectionOut>,
    #[oai(nullable)]
    pub updated_by: Option<String>,
    #[oai(nullable)]
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The young person has agreed to this version of the draft.
    pub young_person_agreed: bool,
    pub comments: Vec<PlanCommentBody>,
    /// How many versions have been agreed.
    pub agreed_versions: i32,
    #[oai(nullable)]
    pub next_review_on: Option<Date>,
}

impl From<Draft> for DraftBody {
    fn from(d: Draft) -> Self {
        Self {
            version: d.version,
            sections: sections(&d.plan),
            updated_by: d.updated_by,
            updated_at: d.updated_at,
            young_person_agreed: d.young_person_agreed,
            comments: d
                .comments
                .into_iter()
                .map(|c| PlanCommentBody {
                    section: c.section.into(),
                    body: c.body,
                    written_by: c.written_by,
                    written_at: c.written_at,
                })
                .collect(),
            agreed_versions: d.agreed_versions,
            next_review_on: d.next_review_on.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct SectionChangesBody {
    pub section: SectionName,
    pub changes: Vec<String>,
}

#[derive(Debug, Object)]
pub struct AgreedVersionBody {
    pub number: i32,
    pub agreed_on: Date,
    pub agreed_by: String,
    #[oai(nullable)]
    pub young_person_agreed_at: Option<chrono::DateTime<chrono::Utc>>,
    #[oai(nullable)]
    pub not_agreed_reason: Option<String>,
    pub next_review_on: Date,
    /// What changed since the version before.
    pub changes: Vec<SectionChangesBody>,
    pub sections: Vec<PlanSectionOut>,
}

impl From<AgreedVersion> for AgreedVersionBody {
    fn from(v: AgreedVersion) -> Self {
        Self {
            number: v.number,
            agreed_on: v.agreed_on.into(),
            agreed_by: v.agreed_by,
            young_person_agreed_at: v.young_person_agreed_at,
            not_agreed_reason: v.not_agreed_reason,
            next_review_on: v.next_review_on.into(),
            changes: v
                .changes
                .into_iter()
                .map(|c| SectionChangesBody {
                    section: c.section.into(),
                    changes: c.changes,
                })
                .collect(),
            sections: sections(&v.plan),
        }
    }
}

#[derive(Debug, Object)]
pub struct AgreedVersionsBody {
    /// Oldest first.
    pub versions: Vec<AgreedVersionBody>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct AgreeBody {
    /// The draft version being agreed; 409 if it has changed since.
    pub version: i32,
    /// Staff: when the plan is next reviewed (within 6 months; default 6 months on).
    #[oai(nullable)]
    pub next_review_on: Option<Date>,
    /// Staff: why it is agreed without the young person's agreement, if they have not given it.
    #[oai(nullable, validator(max_length = 2000))]
    pub not_agreed_reason: Option<Text>,
}

#[derive(Debug, Object)]
pub struct AgreedBody {
    /// `true` when the young person agreed to the draft.
    pub young_person_agreed: bool,
    /// The number of the version frozen, when a worker agreed the plan.
    #[oai(nullable)]
    pub agreed_version: Option<i32>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct CommentInput {
    pub section: SectionName,
    #[oai(validator(max_length = 2000))]
    pub body: Text,
}

#[derive(ApiResponse)]
pub enum DraftResponse {
    #[oai(status = 200)]
    Found(Json<DraftBody>, #[oai(header = "ETag")] String),
}

#[derive(Debug, Object)]
pub struct SavedDraft {
    pub version: i32,
}

#[derive(ApiResponse)]
pub enum SavedDraftResponse {
    /// Saved; the new `ETag` is the new version.
    #[oai(status = 200)]
    Saved(Json<SavedDraft>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum CommentedResponse {
    /// Added to the plan.
    #[oai(status = 201)]
    Created,
}

fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version an `If-Match` names: `"3"`, `W/"3"` or `3`.
fn if_match_version(value: &str) -> Result<i32, Error> {
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map_err(|_| {
            Error::invalid(
                "If-Match",
                "Send the ETag of the version you edited, such as \"3\" (\"0\" for a new plan)",
            )
        })
}

#[OpenApi(prefix_path = "/young-people", tag = "ApiTags::YoungPeople")]
impl PathwayPlansApi {
    /// A young person's pathway plan as it is being written
    ///
    /// With the young person's views, and whether they have agreed this version. The `ETag`
    /// is the draft's version.
    #[oai(path = "/:id/pathway-plan", method = "get")]
    async fn draft(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<DraftResponse> {
        let draft = pathway_plans::draft(&self.state, &auth.caller(), id.0).await?;
        let tag = etag(draft.version);
        Ok(DraftResponse::Found(Json(draft.into()), tag))
    }

    /// Save the draft pathway plan
    ///
    /// `If-Match` must name the version the edit was made from (`"0"` for the first save);
    /// 409, naming the current version, if someone else has saved since.
    #[oai(path = "/:id/pathway-plan", method = "put")]
    async fn save(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<String>,
        body: Json<PlanInput>,
    ) -> ApiResult<SavedDraftResponse> {
        let based_on = if_match_version(&if_match.0)?;
        let plan: Plan = body.0.into();
        let version =
            pathway_plans::save_draft(&self.state, &auth.caller(), id.0, based_on, &plan).await?;
        Ok(SavedDraftResponse::Saved(
            Json(SavedDraft { version }),
            etag(version),
        ))
    }

    /// Agree the pathway plan
    ///
    /// The young person agrees to the draft version they read. A worker (PA or social worker)
    /// agrees the plan, which freezes it as the next version with the next review date; if
    /// the young person has not agreed this version, the worker says why.
    #[oai(path = "/:id/pathway-plan/agree", method = "post")]
    async fn agree(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<AgreeBody>,
    ) -> ApiResult<Json<AgreedBody>> {
        let body = body.0;
        let caller = auth.caller();
        if caller.actor.roles.contains(&Role::YoungPerson) {
            pathway_plans::agree_as_young_person(&self.state, &caller, id.0, body.version).await?;
            return Ok(Json(AgreedBody {
                young_person_agreed: true,
                agreed_version: None,
            }));
        }
        let agreement = Agreement {
            based_on: body.version,
            next_review_on: body.next_review_on.map(|d| d.0),
            not_agreed_reason: body.not_agreed_reason.map(Text::into_string),
        };
        let number = pathway_plans::agree(&self.state, &caller, id.0, &agreement).await?;
        Ok(Json(AgreedBody {
            young_person_agreed: false,
            agreed_version: Some(number),
        }))
    }

    /// Every agreed version of the plan
    #[oai(path = "/:id/pathway-plan/versions", method = "get")]
    async fn versions(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Json<AgreedVersionsBody>> {
        let found = pathway_plans::versions(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(AgreedVersionsBody {
            versions: found.into_iter().map(Into::into).collect(),
        }))
    }

    /// One agreed version, with what changed since the one before
    #[oai(path = "/:id/pathway-plan/versions/:number", method = "get")]
    async fn version(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        number: Path<i32>,
    ) -> ApiResult<Json<AgreedVersionBody>> {
        let found = pathway_plans::versions(&self.state, &auth.caller(), id.0).await?;
        let version = found
            .into_iter()
            .find(|v| v.number == number.0)
            .ok_or(Error::NotFound)?;
        Ok(Json(version.into()))
    }

    /// Add the young person's views to a section
    #[oai(path = "/:id/pathway-plan/comments", method = "post")]
    async fn comment(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<CommentInput>,
    ) -> ApiResult<CommentedResponse> {
        let body = body.0;
        pathway_plans::comment(
            &self.state,
            &auth.caller(),
            id.0,
            body.section.into(),
            &body.body,
        )
        .await?;
        Ok(CommentedResponse::Created)
    }
}
