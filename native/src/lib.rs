//! lintkit's sentence-end scanner (`lintkit.segmenter.segment` with `splits=True`) in Rust.
//!
//! It gives exactly what the Python code gives, which stays the reference and the fallback:
//! `tests/test_native.py` compares the two on every text in the repository and on generated
//! text. What it does itself is the scan: `_END`'s matches as the `regex` package finds them
//! (ordered alternatives, greedy runs, the lookahead), the token before each, and the common
//! case, a period after an ordinary word. Every other decision is Python's own `_boundary`,
//! called back, so the rules about abbreviations, initials and ellipses live in one place.
//!
//! Offsets are Python's (code points). A text Python holds but UTF-8 cannot (a lone
//! surrogate) is left to Python: `splits` returns None.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

/// What this module's answers are (lintkit checks it, and ignores a build of another).
const PROTOCOL: u32 = 1;

/// `regex`'s `\s` on a str pattern: Unicode White_Space, which is what `char::is_whitespace`
/// tests.
#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `str.isspace`: White_Space and the four ASCII information separators.
#[inline]
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `_END`'s `close` group: `[”’"'»)\]]`.
#[inline]
fn is_close(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | '»' | ')' | ']')
}

/// `_END`'s `open` group: `[“"‘'«(\[•⁃]`.
#[inline]
fn is_open(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '(' | '[' | '•' | '⁃')
}

/// What ends a token read backwards (`_TOKEN_BACK`: `[^ \n\t\u00a0]*`).
#[inline]
fn ends_token(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | '\u{a0}')
}

/// `_OPENERS`, stripped from the front of a token.
#[inline]
fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '(' | '[' | '—' | '–' | '-')
}

/// One match of `_END`.
struct End {
    start: usize,
    punct_end: usize,
    close_end: usize,
    /// where the lookahead's whitespace ends (`open`'s start); None when it matched `$`
    open_start: Option<usize>,
    open_end: usize,
}

/// The lookahead `(?=\s+(?P<open>…)(?P<word>…)?|$)` at `q`, within `t[..endpos]`. Its first
/// branch cannot fail once a space is there (the rest may be empty), and Python's `$`
/// matches at the end or before a final line feed.
fn ahead(t: &[char], q: usize, endpos: usize) -> Option<(Option<usize>, usize)> {
    if q < endpos && is_space(t[q]) {
        let mut i = q;
        while i < endpos && is_space(t[i]) {
            i += 1;
        }
        let open_start = i;
        while i < endpos && is_open(t[i]) {
            i += 1;
        }
        return Some((Some(open_start), i));
    }
    if q == endpos || (q + 1 == endpos && t[q] == '\n') {
        return Some((None, q));
    }
    None
}

/// The closing marks after the punctuation ending at `q`, then the lookahead. Only the
/// longest run of marks can succeed: a shorter one leaves a mark next, which is neither a
/// space nor the end.
fn closed(t: &[char], p: usize, q: usize, endpos: usize) -> Option<End> {
    let mut k = q;
    while k < endpos && is_close(t[k]) {
        k += 1;
    }
    let (open_start, open_end) = ahead(t, k, endpos)?;
    Some(End { start: p, punct_end: q, close_end: k, open_start, open_end })
}

/// `_END` tried at `p`: its alternatives in order, each from its longest run down (what the
/// regex engine's backtracking tries).
fn match_at(t: &[char], p: usize, endpos: usize) -> Option<End> {
    let c = t[p];
    if c == '.' {
        // (?:\.[ \u00a0]){2,}\.
        let mut reps = 0;
        while p + 2 * reps + 1 < endpos && t[p + 2 * reps] == '.' && matches!(t[p + 2 * reps + 1], ' ' | '\u{a0}') {
            reps += 1;
        }
        let mut r = reps;
        while r >= 2 {
            if p + 2 * r < endpos && t[p + 2 * r] == '.' {
                if let Some(m) = closed(t, p, p + 2 * r + 1, endpos) {
                    return Some(m);
                }
            }
            r -= 1;
        }
        // \.{2,}
        let mut n = 0;
        while p + n < endpos && t[p + n] == '.' {
            n += 1;
        }
        while n >= 2 {
            if let Some(m) = closed(t, p, p + n, endpos) {
                return Some(m);
            }
            n -= 1;
        }
    }
    if c == '…' {
        if let Some(m) = closed(t, p, p + 1, endpos) {
            return Some(m);
        }
    }
    if matches!(c, '.' | '!' | '?') {
        // [.!?]+
        let mut n = 0;
        while p + n < endpos && matches!(t[p + n], '.' | '!' | '?') {
            n += 1;
        }
        while n >= 1 {
            if let Some(m) = closed(t, p, p + n, endpos) {
                return Some(m);
            }
            n -= 1;
        }
    }
    None
}

/// The functions and values of lintkit's segmenter the scan calls back or hands out.
#[pyclass(frozen)]
struct Segmenter {
    listed: PyObject,   // abbreviations.listed (a frozenset)
    boundary: PyObject, // boundary(punct, token, text, word_at, end, quoted) -> Opener | None
    paragraph: PyObject, // Opener.PARAGRAPH
    period: PyObject,   // Opener.PERIOD
    sentence: PyObject, // the Sentence class
    make: PyObject,     // tuple.__new__
}

#[pymethods]
impl Segmenter {
    #[new]
    fn new(
        listed: PyObject,
        boundary: PyObject,
        paragraph: PyObject,
        period: PyObject,
        sentence: PyObject,
        make: PyObject,
    ) -> Self {
        Segmenter { listed, boundary, paragraph, period, sentence, make }
    }

    /// Every paragraph's splits, in order: `segment(text, start, end, index, …, splits=True)`
    /// for each (start, end, index) given. None for a text UTF-8 cannot hold.
    fn splits<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
        paragraphs: Vec<(usize, usize, usize)>,
    ) -> PyResult<Option<Bound<'py, PyList>>> {
        let t: Vec<char> = match text.to_str() {
            Ok(s) => s.chars().collect(),
            Err(_) => return Ok(None),
        };
        let listed = self.listed.bind(py);
        let boundary = self.boundary.bind(py);
        let sentence = self.sentence.bind(py);
        let make = self.make.bind(py);
        let out = PyList::empty_bound(py);
        let empty = PyString::new_bound(py, "").into_any();
        for (first, end, index) in paragraphs {
            let end = end.min(t.len());
            let mut start = first;
            while start < end && py_isspace(t[start]) {
                start += 1;
            }
            if start >= end {
                continue;
            }
            let mut sent_start = start;
            let mut opener: PyObject = self.paragraph.clone_ref(py);
            let mut break_at: isize = -1;
            let mut prev_token = empty.clone();
            let mut p = start;
            let row = |a: usize, b: usize, opener: &PyObject, brk: isize, tok: &Bound<'py, PyAny>| {
                let items = PyTuple::new_bound(
                    py,
                    [a.into_py(py), b.into_py(py), index.into_py(py), opener.clone_ref(py), brk.into_py(py), tok.clone().unbind()],
                );
                make.call1((sentence, items))
            };
            while p < end {
                if !matches!(t[p], '.' | '!' | '?' | '…') {
                    p += 1;
                    continue;
                }
                let Some(m) = match_at(&t, p, end) else {
                    p += 1;
                    continue;
                };
                let Some(opens_at) = m.open_start else { break };
                if m.close_end >= end {
                    break;
                }
                let at = m.start;
                let mut from = at;
                while from > start && !ends_token(t[from - 1]) {
                    from -= 1;
                }
                while from < at && is_opener(t[from]) {
                    from += 1;
                }
                let token: String = t[from..at].iter().collect();
                let token_py = PyString::new_bound(py, &token).into_any();
                let ordinary = m.punct_end - m.start == 1
                    && t[m.start] == '.'
                    && at - from > 1
                    && !token.contains('.')
                    && !listed.contains(&token_py)?;
                let kind: PyObject = if ordinary {
                    self.period.clone_ref(py)
                } else {
                    let punct: String = t[m.start..m.punct_end].iter().collect();
                    let quoted = m.open_end > opens_at;
                    boundary.call1((punct, &token_py, text, m.open_end, end, quoted))?.unbind()
                };
                if kind.is_none(py) {
                    p = m.close_end;
                    continue;
                }
                out.append(row(sent_start, m.close_end, &opener, break_at, &prev_token)?)?;
                sent_start = opens_at;
                opener = kind;
                break_at = at as isize;
                prev_token = token_py;
                if sent_start >= end {
                    break;
                }
                p = m.close_end;
            }
            if sent_start < end {
                let mut stop = end;
                while stop > sent_start && py_isspace(t[stop - 1]) {
                    stop -= 1;
                }
                out.append(row(sent_start, stop, &opener, break_at, &prev_token)?)?;
            }
        }
        Ok(Some(out))
    }
}

#[pymodule]
fn lintkit_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("PROTOCOL", PROTOCOL)?;
    m.add_class::<Segmenter>()?;
    Ok(())
}
