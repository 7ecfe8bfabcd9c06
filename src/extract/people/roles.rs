//! Roles at the event: the role verbs of a sentence (chairing, attending, speaking) and
//! which of them belongs to each person found, after the mention or introducing it.

use super::words::{is_cap, is_lower, phrase_at, W};
use super::{Mention, PeopleWords, Role};

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Verb {
    Chair,
    Attend,
    SpeakOpen,
    SpeakClause,
}

impl Verb {
    fn role(self) -> Role {
        match self {
            Verb::Chair => Role::Chair,
            Verb::Attend => Role::Attendee,
            Verb::SpeakOpen | Verb::SpeakClause => Role::Speaker,
        }
    }
}

/// Words after which a role verb is part of a noun ("dự án", "tiếp tục").
pub(super) fn not_verb(verb: &str, next: &str) -> bool {
    match verb {
        "dự" => matches!(
            next,
            "án" | "báo" | "toán" | "bị" | "kiến" | "thảo" | "trữ" | "phòng" | "khuyết" | "định"
                | "đoán" | "tính" | "luật" | "trù" | "thi"
        ),
        "tiếp" => matches!(
            next,
            "tục" | "nhận" | "cận" | "theo" | "thu" | "giáp" | "xúc" | "sức" | "tế" | "diễn" | "nối"
        ),
        "tham gia" => matches!(next, "giao"),
        "nói" => matches!(next, "chung" | "riêng"),
        _ => false,
    }
}

/// "được giao chủ trì xây dựng đề án", "chủ trì, phối hợp": leading a task, not the event.
pub(super) fn task_lead(prev: &str, verb: Verb, next: &str) -> bool {
    verb == Verb::Chair
        && (matches!(prev, "giao" | "công")
            || matches!(next, "xây" | "thực" | "triển" | "tham" | "soạn" | "rà" | "phối" | "nghiên" | "hướng"))
}

/// "lễ khai mạc", "phiên bế mạc": an opening or closing verb after a noun is a noun.
pub(super) fn noun_after(prev: &str, verb: Verb) -> bool {
    verb == Verb::SpeakOpen && matches!(prev, "lễ" | "phiên" | "buổi" | "bài" | "văn" | "diễn")
}

pub(super) fn clause_end(w: &W) -> bool {
    matches!(w.after, Some('.' | ';' | ':' | '!' | '?' | '…'))
}

/// The first role verb after the mention in its clause, skipping people joined to it
/// ("đồng chí A và đồng chí B đồng chủ trì"); chairing later in the clause still wins
/// after an attending or opening verb ("dự và chủ trì hội nghị").
pub(super) fn role_after(ws: &[W], found: &[Mention], vs: &[(usize, Verb)], t: usize) -> Option<Role> {
    // The end of the group of people joined by "và", "cùng" or a comma.
    let mut end = found[t].end;
    let mut u = t + 1;
    while u < found.len() {
        let gap = found[u].first.saturating_sub(end);
        let joined = found[u].first >= end
            && (gap == 0 && end > 0 && matches!(ws[end - 1].after, Some(',' | ';'))
                || gap == 1 && matches!(ws[end].lower.as_str(), "và" | "cùng")
                || gap == 2 && ws[end].lower == "cùng" && ws[end + 1].lower == "với");
        if !joined {
            break;
        }
        end = found[u].end;
        u += 1;
    }
    let next_person = found.get(u).map_or(usize::MAX, |m| m.first);
    let barrier = (end.saturating_sub(1)..ws.len())
        .find(|&k| k >= end && clause_end(&ws[k]))
        .map_or(ws.len(), |k| k + 1)
        .min(next_person)
        .min(end + 40);
    let in_clause: Vec<(usize, Verb)> = vs.iter().copied().filter(|&(k, _)| k >= end && k < barrier).collect();
    let &(k1, v1) = in_clause.first()?;
    if v1 != Verb::Chair && v1 != Verb::SpeakClause {
        let chair_later = in_clause.iter().skip(1).take_while(|(_, v)| *v != Verb::SpeakClause).any(|&(k, v)| {
            let joined = matches!(ws[k - 1].lower.as_str(), "và" | "rồi") || ws[k - 1].after == Some(',');
            v == Verb::Chair && k > k1 && joined
        });
        if chair_later {
            return Some(Role::Chair);
        }
    }
    Some(v1.role())
}

pub(super) fn first_verb_after(ws: &[W], found: &[Mention], vs: &[(usize, Verb)], t: usize) -> Option<usize> {
    let end = found[t].end;
    let stop = (end..ws.len()).find(|&k| clause_end(&ws[k])).map_or(ws.len(), |k| k + 1);
    vs.iter().map(|&(k, _)| k).find(|&k| k >= end && k < stop)
}

impl PeopleWords {
    /// Role verbs of the sentence outside the mentions: (word, verb).
    pub(super) fn verbs(&self, ws: &[W], found: &[Mention]) -> Vec<(usize, Verb)> {
        let inside = |k: usize| found.iter().any(|m| k >= m.first && k < m.end);
        // A verb is lowercase mid-sentence; a capitalised one is part of a title
        // ("Trưởng Ban Chỉ đạo"), unless it opens the sentence or a clause ("Dự hội nghị có …").
        let verb_form = |k: usize| is_lower(&ws[k]) || k == 0 || ws[k - 1].after.is_some_and(|c| c != '-');
        let mut out = Vec::new();
        let mut k = 0;
        while k < ws.len() {
            let lists = [
                (&self.chair_verbs, Verb::Chair),
                (&self.attend_verbs, Verb::Attend),
                (&self.speak_open, Verb::SpeakOpen),
                (&self.speak_clause, Verb::SpeakClause),
            ];
            let best = lists
                .iter()
                .filter_map(|(list, v)| phrase_at(ws, k, list).map(|n| (n, *v)))
                .max_by_key(|(n, _)| *n);
            match best {
                Some((n, v)) if !inside(k) && verb_form(k) => {
                    let phrase = ws[k..k + n].iter().map(|w| w.lower.as_str()).collect::<Vec<_>>().join(" ");
                    // Past the clause's end the next word is no object ("… chủ trì; tham dự có …").
                    let next = ws.get(k + n).filter(|_| !clause_end(&ws[k + n - 1])).map(|w| w.lower.as_str()).unwrap_or("");
                    let prev = if k > 0 && ws[k - 1].after.is_none() { ws[k - 1].lower.as_str() } else { "" };
                    let noun = (ws[k + n - 1].after.is_none() && not_verb(&phrase, next))
                        || noun_after(prev, v)
                        // "Bộ Ngoại giao đồng chủ trì": "giao" ends a body's name there.
                        || task_lead(if k >= 2 && is_cap(&ws[k - 2]) { "" } else { prev }, v, next);
                    if !noun {
                        out.push((k, v));
                    }
                    k += n;
                }
                // Inside a mention a longer phrase may overlap its last word ("Chủ tịch Hội
                // đồng chủ trì"): go on word by word.
                Some(_) | None => k += 1,
            }
        }
        out
    }

    /// The role of mention `t`.
    pub(super) fn role_of(&self, ws: &[W], found: &[Mention], vs: &[(usize, Verb)], firsts: &[Option<usize>], t: usize) -> Option<Role> {
        if let Some(r) = role_after(ws, found, vs, t) {
            return Some(r);
        }
        // "Theo ông X, …": reported speech.
        let first = found[t].first;
        if first > 0 && ws[first - 1].lower == "theo" && ws[first - 1].after.is_none() {
            return Some(Role::Speaker);
        }
        self.role_before(ws, found, vs, firsts, t)
    }

    /// A verb before the mention that introduces it ("Chủ trì hội nghị có đồng chí X",
    /// "dưới sự chủ trì của ông X"). The verb must have no subject of its own: it opens a
    /// clause or follows "sự" ("Sở Y tế chủ trì, … có ông X" is not about X).
    pub(super) fn role_before(&self, ws: &[W], found: &[Mention], vs: &[(usize, Verb)], firsts: &[Option<usize>], t: usize) -> Option<Role> {
        let first = found[t].first;
        let &(k, mut v) = vs.iter().rev().find(|&&(k, _)| k < first)?;
        let opens = |k: usize| k == 0 || ws[k - 1].after.is_some_and(|c| c != '-') || ws[k - 1].lower == "sự";
        // "Tiếp và làm việc với đoàn có ông X": joined by "và" to a verb that opens the clause.
        // Of the joined verbs, chairing counts before attending before speaking ("Tới dự và
        // chỉ đạo hội nghị có …" is about who attended).
        let rank = |v: Verb| match v {
            Verb::Chair => 0,
            Verb::Attend => 1,
            Verb::SpeakOpen | Verb::SpeakClause => 2,
        };
        let mut head = k;
        while !opens(head) && head >= 2 && ws[head - 1].lower == "và" {
            match vs.iter().rev().find(|&&(k2, _)| k2 + 1 < head) {
                Some(&(k2, v2)) if head - 1 - k2 <= 3 => {
                    head = k2;
                    if rank(v2) < rank(v) {
                        v = v2;
                    }
                }
                _ => break,
            }
        }
        if !opens(head) {
            return None;
        }
        let between = &ws[k..first];
        if between.iter().take(between.len().saturating_sub(1)).any(|w| matches!(w.after, Some('.' | '!' | '?'))) {
            return None;
        }
        if !between.iter().any(|w| self.links.contains(w.lower.as_str())) {
            return None;
        }
        // "Đồng chí A, Bí thư Tỉnh ủy, chủ trì hội nghị có …": the verb is A's.
        let claimed = firsts[..t].contains(&Some(k));
        (!claimed).then_some(v.role())
    }
}
