//! What the OpenAPI document says that poem-openapi cannot say by itself, and what the
//! router learns from it.
use serde_json::{Map, Value};

/// The document with every object a request body accepts marked `additionalProperties:
/// false`. Request bodies refuse unknown fields (`deny_unknown_fields`), but poem-openapi
/// has no way to say so in the schema, so clients would be told extra fields are fine.
pub fn with_closed_request_bodies(spec: &str) -> String {
    let Ok(mut document) = serde_json::from_str::<Value>(spec) else {
        return spec.to_owned();
    };
    let mut names = Vec::new();
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for operation in paths.values_mut().filter_map(Value::as_object_mut) {
            for operation in operation.values_mut() {
                let contents = operation
                    .pointer_mut("/requestBody/content")
                    .and_then(Value::as_object_mut);
                for content in contents.into_iter().flat_map(Map::values_mut) {
                    if let Some(schema) = content.get_mut("schema") {
                        close(schema, &mut names);
                    }
                }
            }
        }
    }
    // Follow references, so objects nested in a request body are closed too.
    let mut seen = Vec::new();
    while let Some(name) = names.pop() {
        if seen.contains(&name) {
            continue;
        }
        let pointer = format!(
            "/components/schemas/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        if let Some(schema) = document.pointer_mut(&pointer) {
            close(schema, &mut names);
        }
        seen.push(name);
    }
    serde_json::to_string_pretty(&document).unwrap_or_else(|_| spec.to_owned())
}

/// Close `schema` and everything inline inside it; note the components it refers to.
fn close(schema: &mut Value, references: &mut Vec<String>) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(name) = object
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        references.push(name.to_owned());
    }
    if object.get("type").and_then(Value::as_str) == Some("object")
        && object.contains_key("properties")
        && !object.contains_key("additionalProperties")
    {
        object.insert("additionalProperties".into(), Value::Bool(false));
    }
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for property in properties.values_mut() {
            close(property, references);
        }
    }
    if let Some(items) = object.get_mut("items") {
        close(items, references);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(parts) = object.get_mut(key).and_then(Value::as_array_mut) {
            for part in parts {
                close(part, references);
            }
        }
    }
}

/// Which methods each path of the API answers, for the `Allow` header of a 405 (RFC 9110
/// requires one).
#[derive(Debug, Clone, Default)]
pub struct AllowedMethods {
    paths: Vec<(Vec<Segment>, String)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl AllowedMethods {
    /// From the document's `paths`, which are relative to the API's base (`/api/v1`).
    pub fn from_spec(spec: &str) -> Self {
        const METHODS: [&str; 8] = [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        let document: Value = serde_json::from_str(spec).unwrap_or_default();
        let mut paths = Vec::new();
        for (path, operations) in document
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut methods: Vec<String> = operations
                .as_object()
                .into_iter()
                .flat_map(Map::keys)
                .filter(|key| METHODS.contains(&key.as_str()))
                .map(|method| method.to_uppercase())
                .collect();
            // poem answers HEAD wherever it answers GET.
            if methods.iter().any(|m| m == "GET") && !methods.iter().any(|m| m == "HEAD") {
                methods.push("HEAD".into());
            }
            methods.sort();
            let segments = segments(path)
                .map(|segment| {
                    if segment.starts_with('{') && segment.ends_with('}') {
                        Segment::Parameter
                    } else {
                        Segment::Literal(segment.to_owned())
                    }
                })
                .collect();
            paths.push((segments, methods.join(", ")));
        }
        Self { paths }
    }

    /// The `Allow` value for a request path, relative to the API's base. Where several
    /// templates match, the most literal one wins, as it does in the router.
    pub fn for_path(&self, path: &str) -> Option<&str> {
        let asked: Vec<&str> = segments(path).collect();
        self.paths
            .iter()
            .filter(|(template, _)| {
                template.len() == asked.len()
                    && template.iter().zip(&asked).all(|(t, a)| match t {
                        Segment::Literal(literal) => literal == a,
                        Segment::Parameter => true,
                    })
            })
            .max_by_key(|(template, _)| {
                template
                    .iter()
                    .filter(|s| matches!(s, Segment::Literal(_)))
                    .count()
            })
            .map(|(_, allow)| allow.as_str())
    }
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|segment| !segment.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> String {
        json!({
            "paths": {
                "/things": {
                    "get": {},
                    "post": {"requestBody": {"content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/NewThing"}}}}}
                },
                "/things/{id}": {"get": {}, "delete": {}},
                "/things/mine": {"post": {}},
            },
            "components": {"schemas": {
                "NewThing": {"type": "object", "properties": {
                    "part": {"$ref": "#/components/schemas/Part"},
                    "tags": {"type": "array", "items": {"type": "string"}}
                }},
                "Part": {"type": "object", "properties": {"name": {"type": "string"}}},
                "Thing": {"type": "object", "properties": {"id": {"type": "string"}}}
            }}
        })
        .to_string()
    }

    #[test]
    fn request_bodies_and_the_objects_inside_them_refuse_extra_fields() {
        let spec: Value = serde_json::from_str(&with_closed_request_bodies(&document())).unwrap();
        let schemas = &spec["components"]["schemas"];
        assert_eq!(schemas["NewThing"]["additionalProperties"], json!(false));
        assert_eq!(schemas["Part"]["additionalProperties"], json!(false));
    }

    #[test]
    fn response_only_objects_are_left_open() {
        let spec: Value = serde_json::from_str(&with_closed_request_bodies(&document())).unwrap();
        assert!(
            spec["components"]["schemas"]["Thing"]
                .get("additionalProperties")
                .is_none()
        );
    }

    #[test]
    fn allow_lists_the_methods_of_the_matching_path() {
        let allowed = AllowedMethods::from_spec(&document());
        assert_eq!(allowed.for_path("/things"), Some("GET, HEAD, POST"));
        assert_eq!(allowed.for_path("/things/42"), Some("DELETE, GET, HEAD"));
        assert_eq!(allowed.for_path("/things/mine"), Some("POST"));
        assert_eq!(allowed.for_path("/elsewhere"), None);
    }
}
