//! Responses already made, kept beside what they were made from, so that the same answer is
//! not worked out and serialised again while nothing it depends on has changed. How a response
//! is made is the HTTP layer's business; this keeps the bytes.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

#[derive(Debug)]
pub struct Rendered {
    held: Mutex<HashMap<String, Arc<[u8]>>>,
    most: usize,
}

impl Rendered {
    /// Keeps at most `most` responses; beyond that, responses are made but not kept.
    pub fn new(most: usize) -> Self {
        Self {
            held: Mutex::default(),
            most,
        }
    }

    /// The response for `key`, made once by `make`. The key names everything the response
    /// depends on that the holder of this does not already pin down.
    pub fn get_or_make(&self, key: &str, make: impl FnOnce() -> Vec<u8>) -> Arc<[u8]> {
        let mut held = self.held.lock().expect("never left poisoned");
        if let Some(body) = held.get(key) {
            return body.clone();
        }
        let body: Arc<[u8]> = make().into();
        if held.len() < self.most {
            held.insert(key.to_owned(), body.clone());
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::Rendered;

    #[test]
    fn a_response_is_made_once_per_key_and_no_more_are_kept_than_allowed() {
        let rendered = Rendered::new(1);
        let mut made = 0;
        for _ in 0..2 {
            rendered.get_or_make("a", || {
                made += 1;
                b"first".to_vec()
            });
        }
        assert_eq!(made, 1);
        let other = rendered.get_or_make("b", || b"second".to_vec());
        assert_eq!(&*other, b"second");
        let again = rendered.get_or_make("b", || b"made again".to_vec());
        assert_eq!(
            &*again, b"made again",
            "a second key is not kept when one is allowed"
        );
    }
}
