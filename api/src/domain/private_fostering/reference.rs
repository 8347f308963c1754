//! The reference a member of the public is given when they tell us about an arrangement.

/// "PF-" and eight characters in two groups of four, drawn from letters and digits that
/// cannot be mistaken for one another when read aloud or copied by hand (no 0 or O, 1 or I or
/// L, 2 or Z, 5 or S, 8 or B). 25 to the power 8 is about 1.5 × 10^11, so one cannot be
/// guessed in the attempts the rate limit allows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference(String);

const SYMBOLS: &[u8; 25] = b"ACDEFGHJKMNPQRTUVWXY34679";

impl Reference {
    /// A reference from 8 random bytes (from the operating system's generator).
    pub fn from_random(bytes: [u8; 8]) -> Self {
        let mut number = u64::from_le_bytes(bytes);
        let symbols: String = (0..8)
            .map(|_| {
                let symbol = SYMBOLS[(number % 25) as usize];
                number /= 25;
                char::from(symbol)
            })
            .collect();
        Self(format!("PF-{}-{}", &symbols[..4], &symbols[4..]))
    }

    /// A reference as someone typed it back: any case, with or without the "PF" and the
    /// dashes or spaces.
    pub fn parse(typed: &str) -> Option<Self> {
        let compact: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        // The symbols themselves may begin "PF", so only ten characters have the prefix.
        let symbols = match compact.len() {
            10 => compact.strip_prefix("PF")?,
            _ => &compact,
        };
        let valid = symbols.len() == 8 && symbols.bytes().all(|b| SYMBOLS.contains(&b));
        valid.then(|| Self(format!("PF-{}-{}", &symbols[..4], &symbols[4..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_reference_reads_back_however_it_is_typed() {
        let reference = Reference::from_random([7, 1, 200, 33, 90, 4, 250, 18]);
        assert!(reference.as_str().starts_with("PF-"));
        assert_eq!(reference.as_str().len(), 12);
        let bare = reference.as_str().replace('-', "").to_lowercase();
        assert_eq!(Reference::parse(&bare), Some(reference.clone()));
        let spaced = reference.as_str()[3..].replace('-', " ");
        assert_eq!(Reference::parse(&spaced), Some(reference));
        assert_eq!(Reference::parse("PF-0000-0000"), None, "no zeros");
        assert_eq!(Reference::parse("PF-ACDE"), None, "too short");
        assert_eq!(
            Reference::parse("PF ACD EF"),
            None,
            "five symbols after the prefix"
        );
        assert_eq!(
            Reference::parse("PFACDEFG").unwrap().as_str(),
            "PF-PFAC-DEFG",
            "symbols that happen to begin PF"
        );
        assert_eq!(
            Reference::parse("PF-PFAC-DEFG").unwrap().as_str(),
            "PF-PFAC-DEFG"
        );
    }

    proptest! {
        #[test]
        fn every_reference_uses_only_unmistakable_symbols(bytes in any::<[u8; 8]>()) {
            let reference = Reference::from_random(bytes);
            let symbols = reference.as_str()[3..].replace('-', "");
            prop_assert!(symbols.bytes().all(|b| SYMBOLS.contains(&b)));
            prop_assert!(!symbols.contains(['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B']));
            prop_assert_eq!(Reference::parse(reference.as_str()), Some(reference.clone()));
        }
    }
}
