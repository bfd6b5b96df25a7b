//! Checks of a rule's patterns at load time: what could never match, or
//! would make matching slow, is an error naming the pattern rather than a
//! silent no-op; a pattern that does not compile gets a short message.

use crate::text::fold::fold;

/// A Unicode word boundary (`\b`, `\B`) makes the regex engines fall back to
/// their slowest mode on non-ASCII text — for the whole `RegexSet` — so it is
/// refused; write the boundary out (`(\s|$|[:,])`) or use ASCII `(?-u:\b)`.
pub(super) fn check_fast(pattern: &str) -> Result<(), String> {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') | Some('B') if !pattern.contains("(?-u:") => {
                    return Err(format!(
                        "pattern {pattern:?} uses a Unicode word boundary (\\b), which makes \
                         matching many times slower on Arabic text; write the boundary out, \
                         e.g. (\\s|$|[:,])"
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Patterns run on the folded view, which never holds hamza-alef forms, ى,
/// ة, diacritics or upper case: a pattern with one of them could never
/// match, so it is an error rather than a silent no-op.
pub(super) fn check_folded(pattern: &str) -> Result<(), String> {
    if let Some(c) = literal_upper(pattern) {
        return Err(format!(
            "pattern {pattern:?} contains the upper-case letter {c:?}, which the folded \
             view never holds: lines are lower-cased before matching, so it could never \
             match (write {:?}, or use (?i); escapes like \\S \\W \\p{{Lu}} are fine)",
            c.to_ascii_lowercase()
        ));
    }
    for c in pattern.chars().filter(|c| !c.is_ascii()) {
        let f = fold(c.encode_utf8(&mut [0; 4])).text;
        if f != c.to_string() {
            return Err(format!(
                "pattern {pattern:?} contains {c:?}, which the folded view never holds \
                 (write {f:?}; patterns match folded lines: see rules/README.md)"
            ));
        }
    }
    Ok(())
}

/// The first upper-case ASCII letter of `pattern` that is a literal the
/// regex must match: not part of an escape (`\S`, `\W`, `\D`, `\B`,
/// `\p{Lu}`, `\P{..}`, `\x{..}`), a group name (`(?P<Name>`), flags, a POSIX
/// class name, or a negated class (`[^A-Z]` matches folded text fine).
/// `None` as well when the pattern turns case-insensitive matching on.
fn literal_upper(pattern: &str) -> Option<char> {
    let c: Vec<char> = pattern.chars().collect();
    let skip_to = |from: usize, end: char| {
        c[from..]
            .iter()
            .position(|&x| x == end)
            .map_or(c.len(), |k| from + k + 1)
    };
    // Classes we are inside: whether each is negated.
    let mut classes: Vec<bool> = Vec::new();
    let mut found = None;
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '\\' => {
                i += 2;
                match c.get(i - 1) {
                    Some('p' | 'P' | 'x' | 'u' | 'U') if c.get(i) == Some(&'{') => {
                        i = skip_to(i, '}')
                    }
                    Some('p' | 'P') => i += 1,
                    _ => {}
                }
            }
            '(' if classes.is_empty() && c.get(i + 1) == Some(&'?') => {
                let name = matches!(c.get(i + 2), Some('<'))
                    || (c.get(i + 2) == Some(&'P') && c.get(i + 3) == Some(&'<'));
                if name {
                    i = skip_to(i, '>');
                } else {
                    let end = c[i..]
                        .iter()
                        .position(|&x| x == ')' || x == ':')
                        .map_or(c.len(), |k| i + k);
                    let flags: String = c[i + 2..end].iter().collect();
                    let on = flags.split('-').next().unwrap_or("");
                    if on.contains('i') {
                        return None;
                    }
                    i = end + 1;
                }
            }
            '[' if c.get(i + 1) == Some(&':') && !classes.is_empty() => {
                // A POSIX class name inside a class: `[[:upper:]]`.
                i = skip_to(i + 2, ']');
            }
            '[' => {
                let negated = c.get(i + 1) == Some(&'^');
                classes.push(negated);
                i += 1 + usize::from(negated);
                if c.get(i) == Some(&']') {
                    i += 1; // a literal `]` first in the class
                }
            }
            ']' if !classes.is_empty() => {
                classes.pop();
                i += 1;
            }
            x => {
                let negated = classes.iter().any(|&n| n);
                if x.is_ascii_uppercase() && !negated && found.is_none() {
                    found = Some(x);
                }
                i += 1;
            }
        }
    }
    found
}

/// The message for a pattern that does not compile. A long pattern (a
/// generated alternation of 100k words) is named by its length and start,
/// and only the error's own lines are kept, not the pattern echoed with a
/// caret under it.
pub(super) fn bad_pattern(p: &str, e: &regex::Error) -> String {
    const LONG: usize = 200;
    if p.len() <= LONG {
        return format!("bad pattern {p:?}: {e}");
    }
    let start: String = p.chars().take(60).collect();
    let text = e.to_string();
    let why: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("error") || l.contains("size limit"))
        .collect();
    let why = if why.is_empty() {
        "does not compile".to_string()
    } else {
        why.join("; ")
    };
    format!("bad pattern of {} bytes ({start:?}...): {why}", p.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn a_huge_bad_pattern_is_not_echoed() {
        let words: Vec<String> = (0..100_000).map(|i| format!("w{i}")).collect();
        let p = format!("^(({})$", words.join("|"));
        let e = Regex::new(&p).unwrap_err();
        let m = bad_pattern(&p, &e);
        assert!(m.len() < 400, "{m}");
        assert!(
            m.contains("bad pattern of") && m.contains("unclosed group"),
            "{m}"
        );
    }

    #[test]
    fn upper_case_literals_are_found_but_not_escapes() {
        assert_eq!(literal_upper("^Read more"), Some('R'));
        assert_eq!(literal_upper("^read [A-Z]x"), Some('A'));
        for ok in [
            r"^\S+\W\D\B",
            r"\p{Lu}\P{L}\pL\PN\x{0640}\u{FE70}",
            r"^(?P<value>\S.{0,60})$",
            r"(?<Val>x)",
            r"[^A-Z]+",
            r"[[:upper:]]",
            r"(?i)Read more",
            r"(?i:Read) more",
            r"(?-u:\b)read(?s:.)",
            r"[]a]b",
        ] {
            assert_eq!(literal_upper(ok), None, "{ok}");
        }
        assert_eq!(literal_upper(r"(?s)Read"), Some('R'));
        assert_eq!(literal_upper(r"(?-i)Read"), Some('R'));
    }
}
