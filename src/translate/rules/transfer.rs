//! Transfer: tokens → English. Three passes, each a small set of rules:
//!
//! 1. **Readings**: each lexicon word with several parts of speech gets one, from its
//!    neighbours ("tổ chức" after "đã" is a verb, after "các" a noun).
//! 2. **Chunks**: noun phrases (determiner, number, classifier, head, modifiers) and verb
//!    groups (markers, verb, adverbs); everything else passes through.
//! 3. **English**: noun phrases in English order (modifiers before the head, "of" for
//!    titles and bodies, plural and article), verbs in the form their context asks
//!    (past in reports, "to" after a verb that takes it, passive after "được"), the
//!    genre's frames ("Dự hội nghị có X" → "Attending the conference were X"), then
//!    punctuation and capitals.

use super::english;
use super::lexicon::{Comp, Entry, Marker, Pos};
use super::words::{Kind, Token, UnitKind};
use crate::document::Label;

/// One token with its chosen reading.
#[derive(Debug, Clone)]
struct Item<'t, 'a> {
    tok: &'t Token<'a>,
    entry: Option<&'a Entry>,
}

impl Item<'_, '_> {
    fn pos(&self) -> Option<Pos> {
        self.entry.map(|e| e.pos)
    }
    /// "phải", "cần" read as the modal: an adjective after it is what the subject must be.
    /// Not "nên", which is also "so" ("… nên hiệu quả chưa bền vững").
    fn must(&self) -> bool {
        self.pos() == Some(Pos::Aux) && matches!(self.key(), "phải" | "cần" | "cần phải")
    }

    fn key(&self) -> &str {
        &self.tok.key
    }

    fn nominal(&self) -> bool {
        match &self.tok.kind {
            Kind::Unit(UnitKind::Person(_) | UnitKind::Entity { .. } | UnitKind::Quote(_)) | Kind::Name(_) => true,
            // A fixed phrase that opens with an article is a noun phrase ("the whole province").
            Kind::Word(_) if self.pos() == Some(Pos::Phrase) => self.entry.is_some_and(|e| e.en.starts_with("the ")),
            Kind::Word(_) => matches!(self.pos(), Some(Pos::Noun | Pos::Name | Pos::Title | Pos::Rank | Pos::Pron)),
            _ => false,
        }
    }
}

/// Prior weight of a reading before context.
fn prior(pos: Pos) -> i32 {
    match pos {
        Pos::Phrase => 3,
        Pos::Name | Pos::Title | Pos::Rank => 4,
        Pos::Aux | Pos::Det | Pos::Prep | Pos::Conj | Pos::Classifier | Pos::Num => 3,
        Pos::Verb | Pos::Noun | Pos::Time | Pos::Pron => 2,
        Pos::Adj | Pos::Adv => 1,
    }
}

/// "Thực hiện Kế hoạch số 45, Sở Y tế đã …", "Hưởng ứng Tháng hành động …, huyện đã …":
/// a sentence that opens with a word that is a verb or its action noun, its object (a
/// name or a noun), a comma, then a body and its verb, opens with a participle
/// ("Implementing Plan No. 45, the Department …"), not a noun ("Implementation of …, the
/// Department"). Not "công tác"/"việc" (they open a gerund subject), not nouns that
/// name no action ("lãnh đạo": leaders), not before a preposition ("Nhận thức về …").
fn opens_with_a_frame(tokens: &[Token]) -> bool {
    let Some(first) = tokens.first().filter(|t| !matches!(t.key.as_str(), "công tác" | "việc")) else { return false };
    let Kind::Word(readings) = &first.kind else { return false };
    let action_noun = readings.iter().any(|e| e.pos == Pos::Noun && (e.feats.mass || e.feats.of));
    if !action_noun || !readings.iter().any(|e| e.pos == Pos::Verb) {
        return false;
    }
    // A name, a body, or a word that may be a noun and is no preposition.
    let named = |t: &Token| match &t.kind {
        Kind::Word(es) => es.iter().any(|e| matches!(e.pos, Pos::Noun | Pos::Name | Pos::Det)) && !es.iter().any(|e| e.pos == Pos::Prep),
        Kind::Unit(UnitKind::Entity { .. }) | Kind::Name(_) => true,
        _ => false,
    };
    let Some(comma) = tokens.iter().position(|t| t.is_punct(',')).filter(|&p| p >= 2) else { return false };
    named(&tokens[1])
        && tokens[1..comma].iter().all(|t| !matches!(t.kind, Kind::Punct(_)))
        && tokens.get(comma + 1).is_some_and(named)
        && tokens[comma + 1..].iter().any(|t| matches!(&t.kind, Kind::Word(es) if es.iter().any(|e| e.pos == Pos::Verb)))
}

/// Pass 1: one reading per word, left to right, from the previous reading and the next
/// token's possible readings.
fn choose_readings<'t, 'a>(tokens: &'t [Token<'a>], mood: Mood) -> Vec<Item<'t, 'a>> {
    let mut items: Vec<Item<'t, 'a>> = Vec::with_capacity(tokens.len());
    // "Dự hội nghị có ...", "Tham dự có ...": what follows is a list of people and bodies.
    let list_from = attendance_list(tokens);
    let mut clause_has_verb = false;
    // A list of adjectives after "phải"/"cần" is going on ("phải công khai, minh bạch").
    let mut must_be = false;
    // After a verb that takes "to" ("yêu cầu", "đề nghị") and its object, the next verb is
    // the instruction: "đề nghị các phường khẩn trương khắc phục ...".
    let mut awaiting_instruction = false;
    let mut object_seen = false;
    // After "để" and a noun: the purpose has a subject of its own.
    let mut purpose_subject = false;
    let opening_frame = opens_with_a_frame(tokens);
    for (i, tok) in tokens.iter().enumerate() {
        // Inside an attendance list's items.
        let in_list = list_from.is_some_and(|f| i >= f);
        let entry = match &tok.kind {
            Kind::Word(es) if es.len() == 1 => Some(&es[0]),
            Kind::Word(es) => {
                let prev = items.last();
                let prev_pos = prev.and_then(Item::pos);
                let prev_nominal = prev.is_some_and(Item::nominal);
                // A body or a person before: nothing modifies a name.
                let prev_proper = prev.is_some_and(|p| matches!(p.tok.kind, Kind::Unit(UnitKind::Person(_) | UnitKind::Entity { .. }) | Kind::Name(_)));
                let prev_number = prev.is_some_and(|p| matches!(p.tok.kind, Kind::Unit(UnitKind::Number { .. }) | Kind::Digits(_)));
                let prev_event = prev.and_then(|p| p.entry).is_some_and(|e| e.pos == Pos::Noun && e.feats.event);
                // A clause of a report or an order often opens with its verb ("; thăm, tặng quà").
                let clause_start = i > 0 && prev.is_some_and(|p| matches!(p.tok.kind, Kind::Punct(';' | ':')));
                let next = tokens.get(i + 1);
                // A marker next ("được", "đã") means the subject goes on up to it.
                let next_is_marker = next.is_some_and(|n| match &n.kind {
                    Kind::Word(es) => es.iter().all(|e| e.pos == Pos::Aux),
                    _ => false,
                });
                let next_is_number = next.is_some_and(|n| matches!(n.kind, Kind::Unit(UnitKind::Number { .. })));
                let next_no_noun = next.is_some_and(|n| matches!(&n.kind, Kind::Word(xs) if !xs.iter().any(|x| matches!(x.pos, Pos::Noun | Pos::Name | Pos::Title | Pos::Rank))));
                let next_is_nominal = next.is_some_and(|n| match &n.kind {
                    Kind::Word(es) => es.iter().any(|e| matches!(e.pos, Pos::Noun | Pos::Name)),
                    Kind::Unit(_) | Kind::Name(_) => true,
                    _ => false,
                });
                // Whether a token may be read as `pos`.
                let may_be = |t: Option<&Token>, pos: Pos| t.is_some_and(|t| matches!(&t.kind, Kind::Word(es) if es.iter().any(|e| e.pos == pos)));
                let next_is_det = may_be(next, Pos::Det);
                let next_has_verb = may_be(next, Pos::Verb);
                let next_is_prep = next.is_some_and(|n| matches!(&n.kind, Kind::Word(es) if es.iter().all(|e| e.pos == Pos::Prep)));
                // … after its subject ("mà phải thường xuyên" stays "but regularly").
                let modal_before = prev.is_some_and(Item::must) && i >= 2 && (items[i - 2].nominal() || items[i - 2].pos() == Some(Pos::Verb));
                let adjective_ends = match next.map(|n| &n.kind) {
                    None | Some(Kind::Punct('.' | ';' | '!')) => true,
                    Some(Kind::Punct(',')) => tokens.get(i + 2).is_some_and(|t| matches!(&t.kind, Kind::Word(xs) if xs.iter().any(|x| x.pos == Pos::Adj) && !xs.iter().any(|x| x.pos == Pos::Verb))),
                    _ => false,
                };
                // After the next word, a verb ("cần thực sự là", "bị lũ cuốn trôi").
                let verb_after_next = may_be(tokens.get(i + 2), Pos::Verb);
                es.iter()
                    .max_by_key(|e| {
                        let mut s = prior(e.pos) * 2;
                        match (e.pos, prev_pos) {
                            (Pos::Verb, Some(Pos::Aux)) => s += 8,
                            (Pos::Verb, Some(Pos::Adv)) => s += 2,
                            (Pos::Noun | Pos::Name | Pos::Title, Some(Pos::Det | Pos::Num | Pos::Classifier)) => s += 8,
                            (Pos::Noun | Pos::Name, Some(Pos::Prep)) => s += 3,
                            (Pos::Verb, Some(Pos::Prep)) if prev.is_some_and(|p| matches!(p.key(), "để" | "nhằm")) => s += 6,
                            // "khi phát hiện": what happens when, not a noun.
                            (Pos::Verb, Some(Pos::Conj)) if prev.is_some_and(|p| when_conj(p.key())) => s += 4,
                            (Pos::Noun, Some(Pos::Verb)) => s += 3,
                            (Pos::Adv, Some(Pos::Verb)) if !next_is_nominal => s += 3,
                            // "bị vùi lấp hoàn toàn": after a state at the clause's end, how much.
                            (Pos::Adv, Some(Pos::Adj)) if next.is_none_or(|n| matches!(n.kind, Kind::Punct(_))) => s += 3,
                            _ => {}
                        }
                        // "đồng chí Ủy viên ...": a title after the honorific.
                        if matches!(e.pos, Pos::Title | Pos::Rank) && prev.is_some_and(|p| matches!(p.key(), "đồng chí" | "ông" | "bà")) {
                            s += 8;
                        }
                        if prev_number && e.pos == Pos::Noun {
                            s += 8;
                        }
                        // An attendance list names people and bodies: "lãnh đạo", "đại diện"
                        // are leaders and representatives, not verbs (a title stays a title).
                        if in_list && e.pos == Pos::Noun && !es.iter().any(|x| x.pos == Pos::Title) {
                            s += 4;
                            // "Dự hội đàm có lãnh đạo Sở …": "có" opens the list, it marks no verb.
                            if prev.is_some_and(|p| p.key() == "có") {
                                s += 8;
                            }
                        }
                        // "Kết thúc hội đàm, lãnh đạo Điện Biên … đã ký kết", "Tại hội đàm, lãnh
                        // đạo hai tỉnh đánh giá": at a clause's start a role before a name or a
                        // count is who acts ("leaders of Dien Bien"), not "lead".
                        let clause_opens = i == 0 || prev.is_some_and(|p| p.tok.is_punct(','));
                        // A count may be part of a lexicon noun ("hai tỉnh": two provinces).
                        let counted = next.is_some_and(|n| n.key.split(' ').next().is_some_and(|w| matches!(w, "hai" | "ba" | "bốn")));
                        let named_next = next.is_some_and(|n| matches!(n.kind, Kind::Unit(UnitKind::Entity { .. }) | Kind::Name(_)))
                            || may_be(next, Pos::Num)
                            || counted
                            || leaders_of_level_act(tokens, i);
                        if e.pos == Pos::Noun && ROLE_NOUNS.contains(&e.en.as_str()) && clause_opens && named_next {
                            s += 8;
                        }
                        // "bị ảnh hưởng bởi bão": inside a clause "bởi" names the agent ("by");
                        // opening one it gives the reason ("because").
                        if tok.key == "bởi" && e.pos == Pos::Prep && prev.is_some_and(|p| !matches!(p.tok.kind, Kind::Punct(_))) {
                            s += 6;
                        }
                        // "Bộ đội cùng người dân dọn dẹp": between two nouns a word that may be
                        // a marker ("cùng") is a preposition.
                        if e.pos == Pos::Prep && prev_nominal && (next_is_nominal || next_is_det) && es.iter().any(|x| x.pos == Pos::Aux) {
                            s += 2;
                        }
                        // "không để xảy ra dịch bệnh lớn trên cây trồng": once the clause has
                        // its verb, a word after a noun and before a preposition or the end
                        // describes the noun ("large"), it is no second verb ("grow").
                        let next_closes = next.is_none_or(|n| matches!(&n.kind, Kind::Punct(_))) || next_is_prep;
                        let verb_or_adverb = es.iter().any(|x| matches!(x.pos, Pos::Verb | Pos::Adv)) && !es.iter().any(|x| x.pos == Pos::Phrase);
                        if e.pos == Pos::Adj && clause_has_verb && prev_nominal && next_closes && verb_or_adverb {
                            s += 4;
                        }
                        // "trên địa bàn": "in" before a noun ("in Ha Tinh province"), else the
                        // phrase ("in the area").
                        if e.pos == Pos::Prep && es.iter().any(|x| x.pos == Pos::Phrase) {
                            s += if next_is_nominal || next_is_det { 2 } else { -2 };
                        }
                        // "..., Công an tỉnh cùng hơn 300 đại biểu": a list's "cùng" joins items.
                        if in_list && e.pos == Pos::Conj {
                            s += 6;
                        }
                        if i == 0 && opening_frame && e.pos == Pos::Verb {
                            s += 6;
                        }
                        // "Tuy nhiên, công tác thống kê … còn chậm": after an opening phrase
                        // "công tác" opens a gerund subject as it does at the start, it is no verb.
                        if tok.key == "công tác" && e.pos == Pos::Noun && !clause_has_verb && prev.is_some_and(|p| p.tok.is_punct(',')) {
                            s += 2;
                        }
                        // "Việc trao quà phải công khai, minh bạch": after a modal, an adjective
                        // that ends the clause, or that a list of adjectives follows, is what
                        // the subject must be ("public"), not a verb ("publicise").
                        if e.pos == Pos::Adj && modal_before && adjective_ends {
                            s += 12;
                        }
                        // … and so is each adjective of that list ("công khai, minh bạch").
                        let next_closes_any = next.is_none_or(|n| matches!(n.kind, Kind::Punct(_)));
                        if e.pos == Pos::Adj && must_be && prev.is_some_and(|p| p.tok.is_punct(',')) && next_closes_any {
                            s += 8;
                        }
                        // Until the clause has its verb, a word that may be one is one.
                        if i > 0 && !clause_has_verb && e.pos == Pos::Verb && !matches!(prev_pos, Some(Pos::Det | Pos::Num | Pos::Classifier | Pos::Prep)) {
                            s += 1;
                        }
                        // "phấn đấu đấu tranh", "tập trung nâng cao": the verb a verb asks for.
                        // So does one whose object is in its phrase ("giúp dân | thu hoạch"); after
                        // "để" an object comes first ("không để vi phạm nhỏ tích tụ").
                        let asks_verb = |p: &Entry| match p.feats.comp {
                            Some(Comp::To | Comp::Ing) => true,
                            Some(Comp::Bare) => !p.feats.transitive,
                            _ => false,
                        };
                        if e.pos == Pos::Verb && prev.and_then(|p| p.entry).is_some_and(|p| p.pos == Pos::Verb && asks_verb(p)) {
                            s += 5;
                        }
                        // "lãnh đạo, chỉ đạo ...": a verb list goes on after its comma.
                        let after_verb_comma = prev.is_some_and(|p| p.tok.is_punct(',')) && i >= 2 && items.get(i - 2).is_some_and(|p| p.pos() == Some(Pos::Verb));
                        if after_verb_comma && e.pos == Pos::Verb {
                            s += 4;
                        }
                        if awaiting_instruction && object_seen && e.pos == Pos::Verb {
                            s += 8;
                        }
                        // "để người dân nhận thức rõ": the purpose's own subject, then its verb.
                        if purpose_subject && prev_nominal && e.pos == Pos::Verb {
                            s += 6;
                        }
                        // "Lễ hội chính thức khai mạc": between the subject and a word that can
                        // only be a verb, a word that may be an adverb (and is no verb itself)
                        // is one ("officially opened").
                        let no_verb = !es.iter().any(|x| x.pos == Pos::Verb);
                        let manner = e.en.ends_with("ly");
                        // After a body or a person ("Sở … khẩn trương xây dựng") a word that may
                        // be a verb or a noun is the verb: nothing modifies a name.
                        let blocks: &[Pos] = if prev_proper { &[Pos::Prep] } else { &[Pos::Noun, Pos::Adj, Pos::Prep] };
                        if e.pos == Pos::Adv && manner && no_verb && prev_nominal && !clause_has_verb && next_has_verb && !blocks.iter().any(|&p| may_be(next, p)) {
                            s += 5;
                        }
                        // "cần chủ động rà soát các khu vực": a word that may be a manner adverb
                        // or a verb that takes no object ("take the initiative"), before a word
                        // that may be a verb, says how that verb is done ("proactively review").
                        let intransitive = es.iter().any(|x| x.pos == Pos::Verb && !x.feats.transitive && x.feats.comp.is_none());
                        if e.pos == Pos::Adv && manner && intransitive && next_has_verb && !may_be(next, Pos::Prep) {
                            s += 12;
                        }
                        // "đề nghị UBND tỉnh khẩn trương cụ thể hóa": the instruction's adverb.
                        if awaiting_instruction && object_seen && e.pos == Pos::Adv && next_has_verb {
                            s += 6;
                        }
                        // A marker before a verb ("cần tăng cường", "phải bảo đảm"), or before
                        // an adverb and a verb ("cần thực sự là"), is the marker.
                        let adverb_then_verb = may_be(next, Pos::Adv) && !may_be(next, Pos::Noun) && verb_after_next;
                        if e.pos == Pos::Aux && (next_has_verb || adverb_then_verb) {
                            s += 4;
                        }
                        // "tại từng điểm thi": before a noun that is no verb, a word that may
                        // be a marker ("once") or a determiner ("each") is the determiner.
                        if e.pos == Pos::Det && next_is_nominal && !next_has_verb && !es.iter().any(|x| x.pos == Pos::Num) {
                            s += 4;
                        }
                        // "chỉ đạo của chính quyền": before "của" a word is the noun it belongs to,
                        // or what describes the noun before it ("các chỉ tiêu chủ yếu của tỉnh":
                        // the main targets).
                        if next.is_some_and(|n| n.key == "của") && (e.pos == Pos::Noun || e.pos == Pos::Adj && matches!(prev_pos, Some(Pos::Noun | Pos::Adj))) {
                            s += 4;
                        }
                        // "sẵn sàng xử lý": a verb that asks for a verb, before one, is that
                        // verb ("ready to deal with"), not its noun ("readiness").
                        if e.pos == Pos::Verb && matches!(e.feats.comp, Some(Comp::To)) && next_has_verb && es.iter().any(|x| x.pos == Pos::Noun) {
                            s += 3;
                        }
                        // "Huyện đã có 12 xã đạt chuẩn": before a noun a marker that may be a verb
                        // is the verb ("had 12 communes").
                        if e.pos == Pos::Aux && !e.feats.markers.is_empty() && !e.feats.markers.contains(&Marker::Passive) && !next_has_verb && !adverb_then_verb && next_is_nominal && es.iter().any(|x| x.pos == Pos::Verb) {
                            s -= 4;
                        }
                        // "bị lũ cuốn trôi": a passive marker, its agent, then a verb right
                        // after the agent ("was swept away by the flood").
                        let agent_verb = verb_after_next && tokens.get(i + 2).is_some_and(|t| t.key != "làm");
                        if e.pos == Pos::Aux && e.feats.markers.contains(&Marker::Passive) && next_is_nominal && agent_verb {
                            s += 6;
                        }
                        // "hội nghị tổng kết công tác": the conference's purpose.
                        if prev_event && e.pos == Pos::Verb && !es.iter().any(|x| x.pos == Pos::Prep) {
                            s += 8;
                        }
                        // "sơ kết công tác" → "make a preliminary review of work": a verb whose
                        // English ends in a preposition takes a noun.
                        let prev_takes_noun = prev.and_then(|p| p.entry).is_some_and(|p| p.pos == Pos::Verb && ends_in_preposition(&p.en));
                        if prev_takes_noun && e.pos == Pos::Noun {
                            s += 6;
                        }
                        if clause_start && mood.directive() && e.pos == Pos::Verb {
                            s += 3;
                        }
                        if clause_start && e.pos == Pos::Verb && next.is_some_and(|n| n.is_punct(',')) {
                            s += 3;
                        }
                        // A reading the lexicon writes with a capital (a name, a title: "Bộ",
                        // the ministry) is not that of a word written in lower case ("cục bộ",
                        // "100 bộ bàn ghế") while another reading is at hand.
                        let capital_only = e.vi.starts_with(char::is_uppercase);
                        if capital_only && !tok.src.starts_with(char::is_uppercase) && es.iter().any(|x| !x.vi.starts_with(char::is_uppercase)) {
                            s -= 10;
                        }
                        // "gấp 2 lần mức cho phép": before a count of times, "gấp" says nothing
                        // English needs ("2 times the permitted level"), it is not "urgent".
                        if tok.key == "gấp" && e.pos == Pos::Prep {
                            s += if next_is_number { 10 } else { -10 };
                        }
                        // "cách trung tâm huyện hơn 70 km": before a distance "cách" is "from"
                        // (the distance goes first, below); elsewhere it is a way or manner.
                        if tok.key == "cách" && e.pos == Pos::Prep {
                            s += if distance_follows(&tokens[i + 1..]) { 10 } else { -10 };
                        }
                        // A classifier goes before a noun. Before a word that cannot be one it
                        // is the noun: "việc" before a verb makes it a gerund ("Việc trao quà
                        // phải …" → "Handing out gifts must …"), "Bộ" before "sẽ" is the ministry.
                        if e.pos == Pos::Classifier && next_no_noun && es.iter().any(|x| x.pos == Pos::Noun) {
                            s -= 6;
                        }
                        // "tuyệt đối không": before a negation, how firmly (not a closing
                        // "không?", which asks).
                        let word_after_next = tokens.get(i + 2).is_some_and(|t| matches!(t.kind, Kind::Word(_)));
                        if e.pos == Pos::Adv && word_after_next && next.is_some_and(|n| matches!(n.key.as_str(), "không" | "chưa")) {
                            s += 5;
                        }
                        // "75 triệu đồng/người/năm": after a slash, a unit ("per year"), not a number.
                        if e.pos == Pos::Num && prev.is_some_and(|p| p.tok.is_punct('/')) {
                            s -= 6;
                        }
                        // "các đơn vị không chủ quan": "không" before a word is "not", not zero.
                        if tok.key == "không" && e.pos == Pos::Num && next.is_some_and(|n| matches!(&n.kind, Kind::Word(es) if es.iter().any(|x| matches!(x.pos, Pos::Adj | Pos::Verb | Pos::Adv)))) {
                            s -= 20;
                        }
                        // "công tác tuyên truyền chưa hiệu quả.": after a negation, a word that
                        // ends its clause says how things stand ("not yet effective").
                        let negation_before = prev.is_some_and(|p| matches!(p.key(), "chưa" | "không" | "còn chưa"));
                        if negation_before && next_closes && e.pos == Pos::Adj && !next_is_prep {
                            s += 10;
                        }
                        // A clause with no verb yet ends on one ("Kỳ họp ... bế mạc.").
                        let next_is_end = next.is_none_or(|n| matches!(n.kind, Kind::Punct('.' | ';' | ':' | '!' | '?')));
                        if next_is_end && !clause_has_verb && e.pos == Pos::Verb {
                            s += 6;
                        }
                        // "tăng 17,2%", "giảm 11 vụ": a verb before a figure.
                        if next_is_number && e.pos == Pos::Verb && !es.iter().any(|e| e.pos == Pos::Prep) && !in_list {
                            s += 6;
                        }
                        if prev_nominal {
                            match e.pos {
                                // The noun phrase goes on while a verb follows ("công tác huấn
                                // luyện được ..."), else a verb is the predicate.
                                Pos::Noun | Pos::Adj if next_is_marker => s += 5,
                                // "ở", "tại" after a noun are prepositions, not "live", "be at".
                                Pos::Verb if !clause_has_verb && !es.iter().any(|e| e.pos == Pos::Prep) => s += 3,
                                Pos::Adj => s += 3,
                                Pos::Noun if clause_has_verb => s += 2,
                                _ => {}
                            }
                        }
                        // A sentence opens with a noun ("Công tác tìm kiếm ..."), or with a verb
                        // when a preposition follows ("Tham mưu cho ...").
                        // "Đề nghị các cơ quan ...": a request opening the sentence.
                        if i == 0 && e.pos == Pos::Verb && e.feats.comp == Some(Comp::To) && (next_is_nominal || next_is_det) {
                            s += 4;
                        }
                        if i == 0 && e.pos == Pos::Verb && next_is_prep && next.is_none_or(|n| n.key != "của") {
                            s += 3;
                        } else if i == 0 && e.pos == Pos::Noun {
                            s += 1;
                        }
                        s
                    })
            }
            _ => None,
        };
        // The one-phrase frame "tham dự có" is the clause's verb.
        if entry.is_some_and(|e| e.pos == Pos::Verb) || i == 0 && list_from == Some(1) {
            clause_has_verb = true;
            // One instruction at a time, but one to work with someone has its own ("yêu cầu
            // Công an huyện phối hợp với các xã tuần tra").
            awaiting_instruction = entry.is_some_and(|e| e.feats.comp == Some(Comp::To) && (!awaiting_instruction || coordinates(&e.vi)));
            object_seen = false;
        } else if entry.is_some_and(|e| matches!(e.pos, Pos::Noun | Pos::Name | Pos::Title | Pos::Pron)) || matches!(tok.kind, Kind::Unit(_) | Kind::Name(_)) {
            object_seen = true;
        }
        if matches!(tok.kind, Kind::Punct(';' | ':')) {
            clause_has_verb = false;
            awaiting_instruction = false;
        }
        let after_de = i > 0 && tokens[i - 1].key == "để";
        purpose_subject = match entry.map(|e| e.pos) {
            Some(Pos::Verb | Pos::Prep | Pos::Conj) => false,
            _ if after_de => entry.is_some_and(|e| matches!(e.pos, Pos::Noun | Pos::Pron | Pos::Det)) || matches!(tok.kind, Kind::Unit(_)),
            _ => purpose_subject,
        };
        // "Ngày 26/6, hưởng ứng ..., Công an tỉnh phối hợp ...": after a comma, a new
        // subject may start a new clause with its own verb.
        // So may a person behind a rank, title or "đồng chí" ("Kết luận hội nghị, Đại tá X
        // yêu cầu ...").
        let subject_next = |n: &Token| match &n.kind {
            Kind::Unit(UnitKind::Entity { org: true, .. }) | Kind::Unit(UnitKind::Person(_)) => true,
            Kind::Word(es) => matches!(n.key.as_str(), "đồng chí" | "ông" | "bà") || es.iter().all(|e| matches!(e.pos, Pos::Title | Pos::Rank)),
            _ => false,
        };
        if tok.is_punct(',') && (tokens.get(i + 1).is_some_and(subject_next) || leaders_of_level_act(tokens, i + 1)) {
            clause_has_verb = false;
        }
        must_be = match entry.map(|e| e.pos) {
            Some(Pos::Adj) => must_be || items.last().is_some_and(Item::must),
            _ => must_be && tok.is_punct(','),
        };
        items.push(Item { tok, entry });
    }
    items
}

/// "đến 16 giờ chiều nay,": a preposition opening its clause with a clock time and
/// nothing but time words up to the comma.
fn time_opening(chunks: &[Chunk], k: usize) -> bool {
    let opens = k == 0 || matches!(chunks[k - 1], Chunk::Punct(','));
    let clock = matches!(chunks.get(k + 1), Some(Chunk::Date { prep: "at", .. }));
    let after = chunks.get(k + 2..).unwrap_or_default();
    let end = after.iter().position(|c| matches!(c, Chunk::Punct(_)));
    let only_time = end.is_some_and(|e| matches!(after[e], Chunk::Punct(',')) && after[..e].iter().all(|c| matches!(c, Chunk::Word(_) | Chunk::Date { .. })));
    opens && clock && only_time
}

/// "lãnh đạo tỉnh đề nghị": the leaders of a level of government, then a verb; they are
/// the clause's subject, even after an opening phrase ("Phát biểu khai mạc, lãnh đạo tỉnh
/// đề nghị …").
fn leaders_of_level_act(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| t.key == "lãnh đạo")
        && tokens.get(k + 1).is_some_and(|t| matches!(t.key.as_str(), "tỉnh" | "huyện" | "xã"))
        && tokens.get(k + 2).is_some_and(|t| t.entry(Pos::Verb).is_some())
}

/// "toàn tỉnh" after a noun phrase ("lực lượng Công an toàn tỉnh"): across the area.
fn across(key: &str) -> Option<&'static str> {
    Some(match key {
        "toàn tỉnh" => "across the province",
        "toàn huyện" => "across the district",
        "toàn thành phố" => "across the city",
        "toàn xã" => "across the commune",
        "toàn quốc" => "nationwide",
        _ => return None,
    })
}

impl NounPhrase {
    /// A counted stretch of time ("6 tháng", "hơn 13 năm"): what was done in it follows.
    fn is_counted_period(&self) -> bool {
        self.number.is_some() && self.mods.is_empty() && self.head.as_ref().is_some_and(|h| matches!(h.en.as_str(), "month" | "year" | "day" | "week"))
    }
}

/// A noun phrase, in Vietnamese order.
#[derive(Debug, Clone, Default)]
struct NounPhrase {
    /// English determiners ("all", "each", "some") and whether they make it plural.
    det: Option<String>,
    plural: bool,
    indefinite: bool,
    /// A figure's number in English.
    number: Option<String>,
    head: Option<Head>,
    /// Modifiers after the head, each already in English.
    mods: Vec<Modifier>,
    /// Opened by "các"/"những"/"một số": right after another noun phrase it is that
    /// phrase's complement ("UBND các huyện" → "the People's Committees of the districts",
    /// "lãnh đạo một số sở" → "leaders of some departments").
    all_of: bool,
    /// A counted phrase that belongs to the phrase before it, in an attendance list
    /// ("lãnh đạo 10 huyện" → "leaders of 10 districts").
    of_owner: bool,
    /// Opens a clause of its own after a comma ("Sau 6 tháng, toàn tỉnh đã khởi công ...").
    subject: bool,
    /// Ended by "khác": "other" goes before the modifiers, after a number ("10 other laws").
    other: bool,
}

#[derive(Debug, Clone)]
struct Head {
    en: String,
    /// The Vietnamese key ("công tác"), for the rules that look at the word itself.
    vi: String,
    kind: HeadKind,
    mass: bool,
    never_plural: bool,
    the: bool,
    of: bool,
    /// States a quantity: a figure right after it takes "of".
    amount: bool,
    irregular_plural: Option<String>,
    /// What a verb right after it takes: "to", saying what it is for ("điều kiện tổ
    /// chức" → "conditions to hold"), or "of" and -ing, saying what it is ("tình trạng
    /// đùn đẩy" → "the situation of shirking").
    comp: Option<Comp>,
}

impl Head {
    /// A head whose English is already whole (a name, a body, a fixed phrase): no plural,
    /// no article of its own.
    fn fixed(en: String, vi: String, kind: HeadKind) -> Head {
        Head { en, vi, kind, mass: false, never_plural: true, the: false, of: false, amount: false, irregular_plural: None, comp: None }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum HeadKind {
    Noun,
    Title,
    Body,
    Person,
    Place,
    Pronoun,
}

#[derive(Debug, Clone)]
struct Modifier {
    en: String,
    /// A name or body: follows a title with "of"; digits follow their head.
    kind: ModKind,
    /// A countable common noun: what a measure weighs is then plural ("kg of drugs").
    countable: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum ModKind {
    Word,
    Name,
    /// A body ("HĐND tỉnh"): a noun before it takes it with "of the".
    Body,
    Digits,
    /// A quoted name ("nhà “Mái ấm biên cương”"): short ones go before the head like a
    /// name but leave its article ("the "Exam Season Support" programme"), long ones
    /// (a theme, a slogan) after it ("the theme "…"").
    Quote,
}

/// A verb with the markers before it and the adverbs after it.
#[derive(Debug, Clone)]
struct VerbGroup<'a> {
    entry: &'a Entry,
    markers: Vec<Marker>,
    /// "not", "not yet", "never".
    negated: Option<String>,
    /// Manner adverbs that follow the verb in Vietnamese.
    adverbs: Vec<String>,
    /// The passive is "bị": something the subject underwent, often no doing of anyone's
    /// ("bị mất trắng": lost everything).
    undergone: bool,
}

#[derive(Debug)]
enum Chunk<'a> {
    Np(NounPhrase),
    Verb(VerbGroup<'a>),
    /// A preposition, with its Vietnamese key (for "để", "vào", "của").
    Prep(String, String),
    Conj(String, String),
    Word(String),
    /// A passive state in one word ("bị ngập" → "flooded").
    Predicate(String),
    /// The area a "there were" clause opens with ("Across the province").
    Area(String),
    /// An adjective or a state phrase that may be the clause's predicate ("chưa cao" →
    /// "not yet high", "còn hạn chế" → "remain limited").
    State(String),
    Date { prep: &'static str, en: String },
    Punct(char),
}

/// Whether "mà" at `j` opens a relative clause: after a noun phrase, before a subject
/// (noun phrases, joined by "và" or with their prepositions) and its verb ("những kết quả
/// mà Đảng bộ và Nhân dân đạt được").
fn relative_at(chunks: &[Chunk], j: usize) -> bool {
    let subject_part = |c: &Chunk| matches!(c, Chunk::Prep(..) | Chunk::Word(_)) || matches!(c, Chunk::Conj(_, key) if key == "và");
    j > 0
        && matches!(chunks[j - 1], Chunk::Np(_))
        && matches!(chunks.get(j), Some(Chunk::Conj(_, m)) if m == "mà")
        && subject_then_verb(&chunks[j + 1..], subject_part)
}

/// Whether `rest` opens with a subject and then its verb: noun phrases, with only what
/// `subject_part` lets stand between them, and a verb.
fn subject_then_verb(rest: &[Chunk], subject_part: impl Fn(&Chunk) -> bool) -> bool {
    let mut seen_np = false;
    for c in rest {
        match c {
            Chunk::Np(_) => seen_np = true,
            Chunk::Verb(_) => return seen_np,
            c if subject_part(c) => {}
            _ => return false,
        }
    }
    false
}

/// Whether the clause that ends at the end of `chunks` holds a count (a noun phrase with a
/// number), looking back to the last stop (";", ":" or "."), and is not itself a change: in
/// "giảm 21 vụ, giảm 9 người chết" the changes are a list and keep one form.
fn counted_before(chunks: &[Chunk]) -> bool {
    let clause = || chunks.iter().rev().take_while(|c| !matches!(c, Chunk::Punct(';' | ':' | '.')));
    clause().any(|c| matches!(c, Chunk::Np(n) if n.number.is_some())) && !clause().any(|c| matches!(c, Chunk::Verb(v) if is_change(v)))
}

/// "Tổng kinh phí 5 tỷ đồng": an amount (`en`, the chunk before `k`) right after its
/// subject, with no verb, is what the subject came to: "was" goes before it ("Total
/// funding was 5 billion dong").
fn amount_predicate(cl: &mut Clause, mood: Mood, out: &mut Vec<String>, chunks: &[Chunk], k: usize, en: &str) {
    let amount = en.ends_with(" dong") || en.ends_with(" US dollars");
    if amount && cl.subject_open && cl.last_form.is_none() && cl.after_prep.is_none() && k >= 2 && matches!(chunks[k - 2], Chunk::Np(_)) {
        out.push(cl.was(mood).to_string());
        cl.last_form = Some((Form::Past, None));
    }
}

/// The administrative level of a named place ("xã Ia Nan" → commune, 1), smallest first:
/// village, commune, district, province.
fn admin_level(c: &Chunk) -> Option<u8> {
    let Chunk::Np(np) = c else { return None };
    let head = np.head.as_ref().filter(|h| h.kind == HeadKind::Noun && np.mods.iter().any(|m| m.kind == ModKind::Name))?;
    area_level(&head.en.to_lowercase())
}

/// The level of an administrative area's English ("commune" → 1), if it is one.
fn area_level(en: &str) -> Option<u8> {
    AREAS.iter().find(|(area, _)| *area == en).map(|&(_, level)| level)
}

/// A figure in km or metres before the clause ends: a distance.
fn distance_follows(tokens: &[Token]) -> bool {
    let clause = tokens.iter().take_while(|t| !matches!(t.kind, Kind::Punct(_)));
    let mut number = false;
    for t in clause {
        if number && matches!(t.key.as_str(), "km" | "m" | "mét" | "cây số") {
            return true;
        }
        number = matches!(t.kind, Kind::Unit(UnitKind::Number { .. }) | Kind::Digits(_));
    }
    false
}

/// Adverbs that go after "be" when a state is the predicate ("were very happy").
const AFTER_BE: &[&str] = &["still", "very", "quite", "extremely", "really", "so", "rather", "fairly", "relatively", "also", "always", "especially", "particularly", "highly", "truly", "too"];

/// The adverbs of [`AFTER_BE`] just written, taken off `out` to go after "be" and
/// before `state` (with a space after them; empty when there are none).
fn take_after_be(out: &mut Vec<String>, state: &str) -> String {
    let mut adverbs = String::new();
    while let Some(a) = out.last().filter(|l| AFTER_BE.contains(&l.as_str()) && !state.starts_with(&format!("{l} "))) {
        adverbs = format!("{a} {adverbs}");
        out.pop();
    }
    adverbs
}

/// The possessive of a personal pronoun that follows a noun ("gia đình tôi").
fn possessive(key: &str) -> Option<&'static str> {
    Some(match key {
        "tôi" => "my",
        "chúng tôi" | "chúng ta" | "chúng mình" => "our",
        // "đơn vị mình" in an order: each addressee's own.
        "mình" => "their own",
        "họ" => "their",
        _ => return None,
    })
}

/// A subject pronoun's object form ("we" → "us"); any other phrase as it is.
fn objective(en: String) -> String {
    match en.as_str() {
        "I" => "me".into(),
        "we" => "us".into(),
        "they" => "them".into(),
        "he" => "him".into(),
        "she" => "her".into(),
        _ => en,
    }
}

/// What the sentence is for: decides the default tense.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mood {
    Report,
    /// An order or a plan. `plan`: the sentence is about the coming period ("Thời gian
    /// tới, tỉnh tập trung …"): what a named body does then, it will do.
    Directive { plan: bool },
    /// A quoted name or slogan ("“Tây Ninh chung tay vì người nghèo”"): present tense
    /// after a subject ("Tay Ninh joins hands"), a gerund without one ("Promoting …").
    Name,
}

impl Mood {
    fn directive(self) -> bool {
        matches!(self, Mood::Directive { .. })
    }
}

/// The openings of a plan for the coming period.
const COMING: &[&str] = &["thời gian tới", "trong thời gian tới", "năm tới", "sắp tới", "thời gian tới đây"];

/// Whether a verb (or a lexicon phrase that opens with it: "chủ trì, phối hợp với",
/// "tiếp tục triển khai") gives its subject a part in a plan rather than telling it what
/// it needs to do.
fn plan_verb(vi: &str) -> bool {
    ["chủ trì", "tiếp tục"].iter().any(|p| vi.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ','])))
}

/// Whether a verb is working with someone ("phối hợp với X tổ chức …"): the instruction
/// itself, not its report, and one that brings its own instruction verb.
fn coordinates(vi: &str) -> bool {
    vi.starts_with("phối hợp")
}

/// "be", for a predicate that Vietnamese states with no verb ("phải công khai": "must be
/// public").
fn be() -> &'static Entry {
    static BE: std::sync::OnceLock<Entry> = std::sync::OnceLock::new();
    BE.get_or_init(|| Entry { vi: "là".into(), en: "be".into(), pos: Pos::Verb, feats: Default::default() })
}

/// The result of one sentence.
pub struct Output {
    pub text: String,
    /// Words of the sentence the lexicon or the facts covered.
    pub known: usize,
    pub total: usize,
    pub unknown: Vec<String>,
}

/// Words that make a determiner in English.
fn determiner(key: &str, entry: &Entry) -> (Option<String>, bool, bool) {
    let plural = entry.feats.plural_det;
    match key {
        "một" => (None, false, true),
        _ if entry.en.is_empty() || entry.en == "the" => (None, plural, false),
        _ => (Some(entry.en.clone()), plural, false),
    }
}

fn head_from(item: &Item) -> Option<Head> {
    let vi = item.key().to_string();
    let plain = |en: String, kind: HeadKind| Head::fixed(en, vi.clone(), kind);
    match &item.tok.kind {
        Kind::Unit(UnitKind::Person(name)) => Some(plain(english::plain(name), HeadKind::Person)),
        Kind::Unit(UnitKind::Entity { en, org }) => {
            let mut h = plain(en.clone(), if *org { HeadKind::Body } else { HeadKind::Place });
            h.the = *org;
            Some(h)
        }
        Kind::Name(n) | Kind::Unit(UnitKind::Quote(n)) => Some(plain(n.clone(), HeadKind::Place)),
        Kind::Word(_) => {
            let e = item.entry?;
            let kind = match e.pos {
                Pos::Noun => HeadKind::Noun,
                Pos::Title | Pos::Rank => HeadKind::Title,
                Pos::Name => HeadKind::Body,
                Pos::Pron => HeadKind::Pronoun,
                _ => return None,
            };
            Some(Head {
                en: e.en.clone(),
                vi: vi.clone(),
                mass: e.feats.mass,
                never_plural: e.feats.singular_only || kind != HeadKind::Noun,
                the: e.feats.the,
                of: e.feats.of,
                amount: e.feats.amount,
                irregular_plural: e.feats.plural.clone(),
                comp: e.feats.comp.filter(|_| kind == HeadKind::Noun),
                kind,
            })
        }
        _ => None,
    }
}

/// The English of a word used as a modifier after a head: its adjective reading first.
fn modifier_from(item: &Item) -> Option<Modifier> {
    match &item.tok.kind {
        Kind::Unit(UnitKind::Entity { en, org }) => Some(Modifier { en: en.clone(), kind: if *org { ModKind::Body } else { ModKind::Name }, countable: false }),
        Kind::Name(n) => Some(Modifier { en: n.clone(), kind: ModKind::Name, countable: false }),
        Kind::Unit(UnitKind::Quote(q)) => Some(Modifier { en: q.clone(), kind: ModKind::Quote, countable: false }),
        Kind::Digits(d) => Some(Modifier { en: d.clone(), kind: ModKind::Digits, countable: false }),
        Kind::Word(_) => {
            let e = item.tok.entry(Pos::Adj).or(item.entry)?;
            let kind = match e.pos {
                Pos::Name if e.feats.the => ModKind::Body,
                Pos::Name => ModKind::Name,
                _ => ModKind::Word,
            };
            // Read as the noun it also is ("ma túy": drug), for a measure of it.
            let countable = item.tok.entry(Pos::Noun).is_some_and(|n| !n.feats.mass && !n.feats.singular_only);
            (!e.en.is_empty()).then(|| Modifier { en: e.en.clone(), kind, countable })
        }
        _ => None,
    }
}

/// After the comma at `k - 1`: a noun phrase (with its "of"/"in" phrases) and then what
/// can only be a predicate: a state, a verb with its markers ("đã", "được", "còn"), or a
/// verb before a figure ("tỷ lệ ... đạt 85%"). A bare verb may be a purpose ("phương tiện
/// chữa cháy"), so it is not enough.
fn new_clause_after(chunks: &[Chunk], k: usize) -> bool {
    if !matches!(chunks.get(k), Some(Chunk::Np(np)) if np.head.is_some()) {
        return false;
    }
    let mut j = k + 1;
    while let Some(c) = chunks.get(j) {
        match c {
            Chunk::Np(_) | Chunk::Prep(..) => j += 1,
            Chunk::State(_) => return true,
            Chunk::Verb(v) => {
                let figure = matches!(chunks.get(j + 1), Some(Chunk::Np(n)) if n.number.is_some());
                return marked_predicate(v) || figure;
            }
            _ => return false,
        }
    }
    false
}

/// A verb that can only be a clause's predicate: with its markers or negation ("đã",
/// "phải", "chưa"), or a state verb ("còn chậm" → "remain slow").
fn marked_predicate(v: &VerbGroup) -> bool {
    !v.markers.is_empty() || v.negated.is_some() || v.entry.en.starts_with("remain ")
}

/// An adjective, or a fixed phrase that says how things stand ("still low", "not
/// timely", "at times not close enough", "remain limited"). An adjective is one only
/// before punctuation: before more words it is a modifier ("ven biển").
fn is_state(e: &Entry) -> bool {
    match e.pos {
        Pos::Adj => !is_passive_state(&e.vi),
        Pos::Phrase => ["not ", "still ", "at times ", "remain "].iter().any(|p| e.en.starts_with(p)),
        _ => false,
    }
}

/// "bị ngập", "được giao": a state the noun before it is in, said as a passive.
fn is_passive_state(key: &str) -> bool {
    key.starts_with("bị ") || key.starts_with("được ")
}

/// Pass 2: chunks.
fn chunk<'a>(items: &[Item<'_, 'a>]) -> Vec<Chunk<'a>> {
    let mut out: Vec<Chunk<'a>> = Vec::new();
    let mut markers: Vec<Marker> = Vec::new();
    let mut negated: Option<String> = None;
    let mut undergone = false;
    // Where a passive's agent begins ("được | UBND tỉnh tặng …").
    let mut agents: Vec<usize> = Vec::new();
    // Adverbs between a marker and its verb ("cần khẩn trương khắc phục"): the verb's.
    let mut pre_adverbs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let it = &items[i];
        let key = it.key().to_string();
        // A marker waits for the verb that comes next: an adverb here is that verb's
        // ("phải thường xuyên kiểm tra").
        let marked_verb_next = (!markers.is_empty() || negated.is_some()) && items.get(i + 1).is_some_and(|n| n.pos() == Some(Pos::Verb));
        match (&it.tok.kind, it.pos()) {
            (Kind::Punct(c), _) => {
                if undergone && with_what_undergone(&mut out, &mut agents) {
                    markers.clear();
                    undergone = false;
                }
                out.push(Chunk::Punct(*c));
            }
            (Kind::Unit(UnitKind::Date { prep, en }), _) => out.push(Chunk::Date { prep, en: en.clone() }),
            (Kind::Clock(t), _) => out.push(Chunk::Date { prep: "at", en: t.clone() }),
            (Kind::Period(t), _) => out.push(Chunk::Date { prep: "in", en: t.clone() }),
            (Kind::Unknown, _) => {}
            // "vào", "lúc" before a date or a time are its own preposition.
            (Kind::Word(_), _)
                if matches!(key.as_str(), "vào" | "lúc" | "vào lúc")
                    && items.get(i + 1).is_some_and(|n| matches!(n.tok.kind, Kind::Unit(UnitKind::Date { .. }) | Kind::Clock(_))) => {}
            (Kind::Word(_), Some(Pos::Adj)) if is_passive_state(&key) => {
                if let Some(e) = it.entry {
                    out.push(Chunk::Predicate(e.en.clone()));
                }
            }
            (Kind::Ordinal(o), _) if !items.get(i + 1).is_some_and(Item::nominal) => out.push(Chunk::Word(o.clone())),
            // "lực lượng Công an toàn tỉnh": after a noun phrase, the whole area is where.
            (Kind::Word(_), _) if matches!(out.last(), Some(Chunk::Np(_))) && across(&key).is_some() => {
                out.push(Chunk::Word(across(&key).unwrap_or_default().to_string()));
            }
            // "vận động được 3,5 tỷ đồng": "được" after a verb says it was achieved, which
            // the past already says; it makes no passive of the next verb.
            (Kind::Word(_), Some(Pos::Aux))
                if key == "được"
                    && matches!(out.last(), Some(Chunk::Verb(_)))
                    && items.get(i + 1).is_some_and(|n| n.nominal() || matches!(n.tok.kind, Kind::Unit(UnitKind::Number { .. }) | Kind::Digits(_))) => {}
            (Kind::Word(_), Some(Pos::Aux)) => {
                let found = it.entry.map_or(&[][..], |e| e.feats.markers.as_slice());
                for m in found {
                    match m {
                        // Negation is a marker of its own: "did not", "has not yet", "never".
                        Marker::Modal(n) if n.starts_with("not") || n == "never" || n == "no longer" => negated = Some(n.clone()),
                        m => markers.push(m.clone()),
                    }
                }
                undergone |= found.contains(&Marker::Passive) && (key == "bị" || key.ends_with(" bị"));
                if found.contains(&Marker::Passive) && items.get(i + 1).is_some_and(Item::nominal) {
                    agents.push(out.len());
                }
                match found.first() {
                    Some(_) => {}
                    None if matches!(key.as_str(), "không" | "chẳng") => negated = Some("not".into()),
                    None if key == "chưa" => negated = Some("not yet".into()),
                    None => {
                        if let Some(e) = it.entry.filter(|e| !e.en.is_empty()) {
                            if marked_verb_next {
                                pre_adverbs.push(e.en.clone());
                            } else {
                                out.push(Chunk::Word(e.en.clone()));
                            }
                        }
                    }
                }
            }
            (Kind::Word(_), Some(Pos::Verb)) => {
                let entry = it.entry.expect("a verb reading");
                let mut adverbs = std::mem::take(&mut pre_adverbs);
                loop {
                    // "thực hiện kịp thời, đầy đủ": adverbs joined by commas stay with the verb.
                    let comma = items.get(i + 1).is_some_and(|n| n.tok.is_punct(',')) && !adverbs.is_empty();
                    let k = if comma { i + 2 } else { i + 1 };
                    let Some(next) = items.get(k) else { break };
                    let adv = if comma { next.tok.entry(Pos::Adv) } else { next.entry.filter(|e| e.pos == Pos::Adv) };
                    let Some(e) = adv else { break };
                    if comma && !items.get(k + 1).is_none_or(|n| matches!(n.tok.kind, Kind::Punct(_))) {
                        break;
                    }
                    if !e.en.is_empty() {
                        adverbs.push(e.en.clone());
                    }
                    i = k;
                }
                out.push(Chunk::Verb(VerbGroup { entry, markers: std::mem::take(&mut markers), negated: negated.take(), adverbs, undergone: std::mem::take(&mut undergone) }));
            }
            (Kind::Word(_), Some(Pos::Prep)) => {
                out.push(Chunk::Prep(it.entry.map(|e| e.en.clone()).unwrap_or_default(), key))
            }
            (Kind::Word(_), Some(Pos::Conj)) => {
                out.push(Chunk::Conj(it.entry.map(|e| e.en.clone()).unwrap_or_default(), key))
            }
            // "toàn tỉnh" → "the whole province": a phrase that is a noun phrase can be the
            // clause's subject ("The whole province had 12 districts").
            // Only where it opens a clause and its verb follows; before "có", "xảy ra" the
            // area goes after what there was ("Năm 2024, toàn tỉnh xảy ra 412 vụ" → "there
            // were 412 accidents across the province").
            (Kind::Word(_), Some(Pos::Phrase))
                if it.nominal()
                    && (i == 0 || items[i - 1].tok.is_punct(','))
                    && items.get(i + 1).is_some_and(|n| matches!(n.pos(), Some(Pos::Verb | Pos::Aux))) =>
            {
                // "toàn tỉnh không để xảy ra cháy rừng, giữ an toàn …": the area stays the
                // subject of what else it did.
                let existential = items
                    .get(i + 1)
                    .and_then(|n| n.entry)
                    .is_some_and(|e| e.pos == Pos::Verb && existential_key(&e.vi).is_some() && !e.vi.starts_with("không để"));
                if let Some(area) = across(&key).filter(|_| existential) {
                    out.push(Chunk::Area(area.to_string()));
                    i += 1;
                    continue;
                }
                if let Some(e) = it.entry {
                    let head = Head::fixed(e.en.clone(), key, HeadKind::Noun);
                    out.push(Chunk::Np(NounPhrase { head: Some(head), subject: true, ..NounPhrase::default() }));
                }
            }
            (Kind::Word(_), Some(Pos::Adv | Pos::Time | Pos::Phrase | Pos::Adj)) => {
                // "công tác phối hợp chưa chặt chẽ.": a negated adjective that ends its clause
                // is the predicate ("was not yet close"), never an adverb that loses the "not".
                let ends_clause = items.get(i + 1).is_none_or(|n| matches!(n.tok.kind, Kind::Punct(_)));
                let negated_state = it.tok.entry(Pos::Adj).filter(|a| ends_clause && !a.en.is_empty() && !is_passive_state(&a.vi));
                let after_must = i > 0 && items[i - 1].must() && !markers.contains(&Marker::Passive);
                if let Some(adj) = it.entry.filter(|e| e.pos == Pos::Adj && after_must && ends_clause && !e.en.is_empty() && matches!(out.last(), Some(Chunk::Np(_) | Chunk::Verb(_) | Chunk::Word(_)))) {
                    // "phải công khai, minh bạch": "must be public and transparent".
                    out.push(Chunk::Verb(VerbGroup {
                        entry: be(),
                        markers: std::mem::take(&mut markers),
                        negated: negated.take(),
                        adverbs: Vec::new(),
                        undergone: false,
                    }));
                    out.push(Chunk::State(adj.en.clone()));
                } else if let (Some(neg), Some(adj)) = (negated.as_ref(), negated_state) {
                    out.push(Chunk::State(format!("{neg} {}", adj.en)));
                    negated = None;
                } else if let Some(e) = it.entry.filter(|e| !e.en.is_empty()) {
                    if e.pos == Pos::Adv && matches!(key.as_str(), "không" | "chưa") {
                        negated = Some(if key == "chưa" { "not yet" } else { "not" }.into());
                    } else if let Some(adv) = it.tok.entry(Pos::Adv).filter(|_| marked_verb_next) {
                        pre_adverbs.push(adv.en.clone());
                    } else if is_state(e) && (e.pos != Pos::Adj || items.get(i + 1).is_none_or(|n| matches!(n.tok.kind, Kind::Punct(_)))) {
                        out.push(Chunk::State(e.en.clone()));
                    } else {
                        out.push(Chunk::Word(e.en.clone()));
                    }
                }
            }
            _ => {
                // A noun phrase: determiners, number, classifier, head, modifiers.
                // "giữa các lực lượng": a preposition that took in the plural marker passes
                // it on ("between the forces").
                let plural = i > 0 && items[i - 1].pos() == Some(Pos::Prep) && items[i - 1].entry.is_some_and(|e| e.feats.plural_det);
                let mut np = NounPhrase { plural, ..NounPhrase::default() };
                let mut j = i;
                while let Some(x) = items.get(j) {
                    match (&x.tok.kind, x.pos()) {
                        (Kind::Word(_), Some(Pos::Det)) if np.head.is_none() && np.number.is_none() => {
                            let (det, plural, indef) = determiner(x.key(), x.entry.expect("a reading"));
                            if det.is_some() {
                                np.det = det;
                            }
                            np.plural |= plural;
                            np.indefinite |= indef;
                            np.all_of = matches!(x.key(), "các" | "những" | "một số");
                        }
                        (Kind::Word(_), Some(Pos::Num)) if np.head.is_none() => {
                            let e = x.entry.expect("a reading");
                            if e.feats.value == Some(1.0) {
                                np.indefinite = true;
                            } else {
                                np.number = Some(e.en.clone());
                                np.plural = true;
                            }
                        }
                        (Kind::Unit(UnitKind::Number { en, plural }), _) if np.head.is_none() && np.number.is_none() => {
                            np.number = Some(en.clone());
                            np.plural = *plural;
                        }
                        (Kind::Digits(d), _) if np.head.is_none() && np.number.is_none() => {
                            np.number = Some(d.clone());
                            np.plural = d != "1";
                        }
                        (Kind::Word(_), Some(Pos::Classifier)) if np.head.is_none() => {}
                        (Kind::Ordinal(o), _) => np.mods.push(Modifier { en: o.clone(), kind: ModKind::Word, countable: false }),
                        // "Đồng chí Chủ tịch UBND tỉnh": the title is the head, the honorific goes.
                        (Kind::Word(_), _)
                            if np.head.is_none()
                                && matches!(x.key(), "đồng chí" | "ông" | "bà")
                                && items.get(j + 1).is_some_and(|n| matches!(n.pos(), Some(Pos::Title | Pos::Rank))) => {}
                        // A lexicon phrase with its "các" ("các đơn vị nhận quân") opens a
                        // phrase of its own, as "các" would; so does a term of office.
                        _ if np.head.is_some() && x.pos() == Some(Pos::Noun) && (plural_phrase(x.key()) || x.key() == TERM) => break,
                        // A term's years end it, and so does a counted stretch of time
                        // ("6 tháng thực hiện nghị quyết": what was done in it follows).
                        _ if term_of_office(&np).is_some() => break,
                        (Kind::Word(_), Some(Pos::Noun)) if np.is_counted_period() => break,
                        // "2 lần mức cho phép": a count of times ends before what it multiplies.
                        (Kind::Word(_), Some(Pos::Noun)) if np.number.is_some() && np.head.as_ref().is_some_and(|h| h.vi == "lần") => break,
                        // "nhiệm kỳ 2025 - 2030": one range.
                        (Kind::Punct('-' | '–'), _)
                            if np.head.as_ref().is_some_and(|h| h.vi == TERM)
                                && np.mods.last().is_some_and(|m| m.kind == ModKind::Digits)
                                && matches!(items.get(j + 1).map(|n| &n.tok.kind), Some(Kind::Digits(_))) =>
                        {
                            if let (Some(m), Some(Kind::Digits(d))) = (np.mods.last_mut(), items.get(j + 1).map(|n| &n.tok.kind)) {
                                m.en = format!("{}-{d}", m.en);
                            }
                            j += 1;
                        }
                        _ if np.head.is_none() => match head_from(x) {
                            Some(h) => {
                                let person = h.kind == HeadKind::Person;
                                np.all_of |= h.kind == HeadKind::Noun && plural_phrase(x.key());
                                np.head = Some(h);
                                if person {
                                    j += 1;
                                    break; // a name takes no modifiers
                                }
                            }
                            None => break,
                        },
                        // "gia đình tôi": a pronoun after its noun is its owner ("my family").
                        (Kind::Word(_), Some(Pos::Pron)) if np.det.is_none() && possessive(x.key()).is_some() => {
                            np.det = possessive(x.key()).map(str::to_string);
                        }
                        // A name after a title or a rank is its own phrase ("Bí thư Tỉnh ủy Hồ Văn Niên").
                        (Kind::Unit(UnitKind::Person(_)), _) => break,
                        (Kind::Word(_), Some(Pos::Adj)) if is_passive_state(x.key()) => break,
                        (Kind::Word(_), Some(Pos::Noun | Pos::Adj | Pos::Name | Pos::Title)) | (Kind::Name(_) | Kind::Unit(UnitKind::Entity { .. } | UnitKind::Quote(_)), _) => {
                            match modifier_from(x) {
                                Some(m) => np.mods.push(m),
                                None => break,
                            }
                        }
                        (Kind::Digits(_), _) => {
                            if let Some(m) = modifier_from(x) {
                                np.mods.push(m);
                            }
                        }
                        // "không có trường hợp nào": "any" after its head ends the phrase
                        // (the existential reads it: "no case").
                        (Kind::Word(_), Some(Pos::Det)) if np.head.is_some() && x.key() == "nào" => {
                            np.det = Some("any".into());
                            j += 1;
                            break;
                        }
                        // "đợt này", "các xã khác": a demonstrative or "khác" after its head
                        // goes before it in English ("this round", "other communes").
                        // Either ends the phrase.
                        (Kind::Word(_), Some(Pos::Det)) if np.head.is_some() && matches!(x.key(), "này" | "đó" | "ấy" | "kia" | "khác") => {
                            match x.entry.map_or("", |e| e.en.as_str()) {
                                "other" => np.other = true,
                                "this" if np.plural => np.det = Some("these".into()),
                                "that" if np.plural => np.det = Some("those".into()),
                                en => np.det = Some(en.to_string()),
                            }
                            j += 1;
                            break;
                        }
                        (Kind::Unknown, _) => {}
                        _ => break,
                    }
                    j += 1;
                }
                if j == i {
                    // Nothing nominal here (a number word alone): pass its English through.
                    if let Some(e) = it.entry.filter(|e| !e.en.is_empty()) {
                        out.push(Chunk::Word(e.en.clone()));
                    }
                    i += 1;
                    continue;
                }
                if np.head.is_some() || np.number.is_some() || np.det.is_some() {
                    out.push(Chunk::Np(np));
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if undergone {
        with_what_undergone(&mut out, &mut agents);
    }
    for &a in agents.iter().rev() {
        agent_last(&mut out, a);
    }
    out
}

/// "42 bệnh nhân bị sốt xuất huyết, …": a "bị" before a noun phrase that no verb follows
/// says what someone has, not a passive ("42 patients with dengue fever"). Puts "with"
/// where the agent would have begun and tells whether it did.
fn with_what_undergone(out: &mut Vec<Chunk>, agents: &mut Vec<usize>) -> bool {
    let Some(&a) = agents.last() else { return false };
    let fits = a > 0 && a < out.len() && matches!(out[a - 1], Chunk::Np(_)) && out[a..].iter().all(|c| matches!(c, Chunk::Np(_) | Chunk::Prep(_, _)))
        // The noun is an object ("điều trị cho 42 bệnh nhân bị …"); a subject's "bị" with
        // no verb ("Nhiều tuyến đường bị ách tắc") is its predicate.
        && out[..a].iter().rev().take_while(|c| !matches!(c, Chunk::Punct(_))).any(|c| matches!(c, Chunk::Verb(_)));
    if fits {
        out.insert(a, Chunk::Prep("with".into(), "bị".into()));
        agents.pop();
    }
    fits
}

/// "Đơn vị được UBND tỉnh tặng Bằng khen": the agent between the passive marker (at `a`)
/// and its verb goes after the verb and its objects, with "by" ("The unit was presented
/// a certificate of merit by the Provincial People's Committee").
fn agent_last(chunks: &mut Vec<Chunk>, a: usize) {
    let Some(v) = (a..chunks.len()).find(|&j| !matches!(&chunks[j], Chunk::Np(_) | Chunk::Prep(_, _))) else { return };
    let passive = matches!(&chunks[v], Chunk::Verb(g) if g.markers.contains(&Marker::Passive));
    let agent_ok = v > a && matches!(chunks[a], Chunk::Np(_)) && chunks[a..v].iter().all(|c| matches!(c, Chunk::Np(_)) || matches!(c, Chunk::Prep(_, k) if k == "của"));
    if !passive || !agent_ok {
        return;
    }
    let e = (v + 1..chunks.len()).find(|&j| !matches!(chunks[j], Chunk::Np(_))).unwrap_or(chunks.len());
    let agent: Vec<Chunk> = chunks.drain(a..v).collect();
    let e = e - agent.len();
    let tail: Vec<Chunk> = chunks.drain(e..).collect();
    chunks.push(Chunk::Word("by".into()));
    chunks.extend(agent);
    chunks.extend(tail);
}

/// The noun phrases that end `before` (with their prepositional phrases) come after a
/// comma that follows a verb or a state, or after that comma and a linking word ("trong
/// đó"): they open a clause of their own ("…bị vùi lấp, nhiều đoạn đường …", "…, trong đó
/// đường vào thôn X …"). Gives that clause's subject, the first of them.
fn opens_after_comma<'c>(before: &'c [Chunk]) -> Option<&'c NounPhrase> {
    let nps = before.iter().rev().take_while(|c| matches!(c, Chunk::Np(_) | Chunk::Prep(_, _))).count();
    let mut rest = &before[..before.len() - nps];
    let Some(Chunk::Np(subject)) = before.get(rest.len()) else { return None };
    if let [head @ .., Chunk::Word(_) | Chunk::Conj(_, _)] = rest {
        rest = head;
    }
    matches!(rest, [.., Chunk::Verb(_) | Chunk::Predicate(_) | Chunk::State(_), Chunk::Punct(',')]).then_some(subject)
}

/// A noun phrase in English. `article` lets the caller leave out "the" (after a name,
/// in a title apposition).
fn render_np(np: &NounPhrase, article: bool, in_list: bool) -> String {
    let mut words: Vec<String> = Vec::new();
    let Some(head) = &np.head else {
        // A number with no noun ("đạt 100%").
        return [np.det.clone(), np.number.clone()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    };
    // "57% kế hoạch năm" is 57% of one plan.
    let percent = np.number.as_deref().is_some_and(|n| n.ends_with('%'));
    // "người dân Lào", "phía Việt Nam": a country before a common noun is its adjective
    // ("Lao people", "the Vietnamese side").
    let adjective = |m: &Modifier| english::country_adjective(&m.en).filter(|_| m.kind == ModKind::Name && head.kind == HeadKind::Noun);
    // "lãnh đạo Điện Biên": the people who lead a place or a body are many, and it follows
    // them with "of" ("leaders of Dien Bien"); "Lao leaders" keeps the adjective.
    let role_of = head.kind == HeadKind::Noun
        && ROLE_NOUNS.contains(&head.en.as_str())
        && np.mods.iter().any(|m| matches!(m.kind, ModKind::Name | ModKind::Body))
        && np.mods.iter().all(|m| adjective(m).is_none());
    // "lãnh đạo tỉnh": so are those who lead a level of government ("provincial leaders").
    let leaders_of_level = head.kind == HeadKind::Noun
        && head.en == "leader"
        && !np.mods.is_empty()
        && np.mods.iter().all(|m| m.kind == ModKind::Word && (m.en == "provincial" || area_level(&m.en).is_some()));
    // "100% hộ dân", "95% trường học": a share of households, schools (plural, with
    // "of"), as against a share of the plan ("100% of the plan").
    let share_of_many = percent && head.kind == HeadKind::Noun && !head.mass && !head.never_plural && {
        let last = head.en.rsplit(' ').next().unwrap_or_default();
        area_level(last).is_some() || SHARED_BY_MANY.contains(&last)
    };
    let plural = ((np.plural || in_list || (role_of || leaders_of_level) && np.det.is_none() && np.number.is_none()) && !percent || share_of_many)
        && !head.mass
        && !head.never_plural;
    // "các đồng chí Ủy viên Ban Thường vụ" → "members of the Standing Board": a title
    // after "các" or a number names a group, in lower case.
    let plural_title = head.kind == HeadKind::Title && np.plural;
    let head_en = if plural {
        head.irregular_plural.clone().unwrap_or_else(|| english::plural(&head.en))
    } else if plural_title {
        english::plural(&common_title(&head.en))
    } else {
        head.en.clone()
    };
    // Names and bodies after a title or body head take "of"; digits stay after their
    // head ("Military Region 5"); other modifiers go before it, nearest last.
    // What follows "of": for a title or an "of" head every name and body after it
    // ("Deputy Political Commissar of Military Region 5"); for a common noun, a body and
    // what follows it ("the 20th session of the 13th-tenure Provincial People's Council").
    let after_head = |m: &Modifier| m.kind == ModKind::Digits || m.kind == ModKind::Quote && m.en.split(' ').count() > 5;
    let non_digit: Vec<&Modifier> = np.mods.iter().filter(|m| !after_head(m)).collect();
    let before_title = |m: &&&Modifier| matches!(m.kind, ModKind::Word | ModKind::Quote);
    let (pre_mods, of_mods): (Vec<&Modifier>, Vec<&Modifier>) = match head.kind {
        HeadKind::Title => non_digit.iter().partition(before_title),
        // All of what leaders lead, in English order: "leaders of Tuong Duong district".
        _ if role_of => (Vec::new(), non_digit),
        _ if head.of => non_digit.iter().partition(before_title),
        HeadKind::Noun => {
            let cut = non_digit.iter().position(|m| m.kind == ModKind::Body).unwrap_or(non_digit.len());
            (non_digit[..cut].to_vec(), non_digit[cut..].to_vec())
        }
        _ => (non_digit, Vec::new()),
    };
    let digits: Vec<&str> = np.mods.iter().filter(|m| after_head(m)).map(|m| m.en.as_str()).collect();
    // A measure after a number is written short and takes what it measures with "of":
    // "21,6 kg ma túy" → "21.6 kg of drugs", "280,7 km" → "280.7 km".
    if let (Some(n), Some(unit)) = (&np.number, measure(&head.en, plural)) {
        let what: Vec<String> = pre_mods.iter().rev().map(|m| m.en.clone()).collect();
        let what = what.join(" ");
        // The thing weighed is the first modifier; counted things are plural ("kg of
        // drugs"), while land and length measure a stretch ("ha of forest").
        let weighed = matches!(unit.as_str(), "kg" | "tonne" | "tonnes" | "gram" | "grams");
        let what = if weighed && pre_mods.first().is_some_and(|m| m.countable) { english::plural(&what) } else { what };
        return if what.is_empty() { format!("{n} {unit}") } else { format!("{n} {unit} of {what}") };
    }
    // "6 nhóm thanh thiếu niên": a counted group takes who is in it with "of" ("6 groups
    // of young people").
    let group = matches!(head.en.as_str(), "group" | "team") && head.kind == HeadKind::Noun;
    if let Some(n) = np.number.as_ref().filter(|_| group && !pre_mods.is_empty() && pre_mods.iter().all(|m| m.kind == ModKind::Word && m.countable)) {
        let who: Vec<String> = pre_mods.iter().rev().map(|m| m.en.clone()).collect();
        return format!("{n} {head_en} of {}", english::plural(&who.join(" ")));
    }
    let mut core: Vec<String> = np
        .other
        .then(|| "other".to_string())
        .into_iter()
        .chain(pre_mods.iter().rev().map(|m| adjective(m).map_or_else(|| m.en.clone(), str::to_string)))
        .collect();
    // "số vụ tai nạn giao thông", "số lượng hộ nghèo": the number of the things counted
    // ("the number of traffic accidents", "the number of poor households").
    let counted = matches!(head.vi.as_str(), "số" | "số lượng" | "số vụ")
        && !core.is_empty()
        && pre_mods.iter().all(|m| m.kind == ModKind::Word)
        && pre_mods.first().is_some_and(|m| m.countable);
    if counted {
        // After a share or "all" the things themselves: "95% số xã" → "95% of communes",
        // "toàn bộ số nhà" → "all houses".
        let things = english::plural(&core.join(" "));
        core = vec![if percent || np.det.is_some() { things } else { format!("number of {things}") }];
    }
    // "tổng kết công tác phòng, chống thiên tai": a head that is "A of the B" takes its
    // modifiers on B ("review of the natural disaster prevention and control work").
    // So does a body's with the place it belongs to: "Ban Thường vụ Tỉnh ủy Hà Nam" → "the
    // Standing Board of the Ha Nam Provincial Party Committee".
    let body_of_place = head.kind == HeadKind::Body && !pre_mods.is_empty() && pre_mods.iter().all(|m| m.kind == ModKind::Name);
    match head_en.split_once(" of the ").filter(|_| !core.is_empty() && (head.kind == HeadKind::Noun || body_of_place)) {
        _ if counted => {}
        Some((a, b)) => core = vec![format!("{a} of the {} {b}", core.join(" "))],
        None => core.push(head_en),
    }
    core.extend(digits.iter().map(|d| d.to_string()));
    let core = dedupe_words(&core.join(" "));

    let countable_singular = head.kind == HeadKind::Noun && !plural && !head.mass && !head.never_plural;
    // "Ngọc Hiển district", "Quy Nhon City": a named place takes no article.
    let named = head.kind == HeadKind::Noun && pre_mods.iter().any(|m| m.kind == ModKind::Name && adjective(m).is_none());
    // A pair or a route of places does: "the Vietnam-Laos border", "the Lao Cai-Hanoi
    // railway".
    let route = named && pre_mods.iter().any(|m| m.kind == ModKind::Name && m.en.contains('-'));
    let named = named && !route;
    let core = if named && core.ends_with(" city") { format!("{}City", &core[..core.len() - 4]) } else { core };
    let each = np.det.as_deref().is_some_and(|d| matches!(d, "each" | "every"));
    // "mỗi người dân": "each" counts one person.
    let core = if each && core == "people" { "person".to_string() } else { core };
    if let Some(det) = &np.det {
        // "mỗi cán bộ, đảng viên": "each" cannot count a head the lexicon gives as a plural
        // pair ("officials and Party members"); "all" can.
        let pair = head.never_plural && head.kind == HeadKind::Noun && head.en.contains(" and ");
        words.push(if pair && each { "all".into() } else { det.clone() });
    } else if np.number.is_none() && article {
        if np.indefinite && head.kind == HeadKind::Noun {
            words.push(english::indefinite(&core).to_string());
        } else if !named && (head.the || (countable_singular && !np.indefinite)) {
            words.push("the".into());
        }
    }
    if let Some(n) = &np.number {
        words.push(n.clone());
        // "hàng nghìn người dân" read as a number: "thousands of people".
        if matches!(n.as_str(), "thousands" | "hundreds" | "dozens" | "tens of thousands" | "hundreds of thousands") {
            words.push("of".into());
        }
        if percent {
            // "đạt 100% chỉ tiêu" → "100% of the target"; "100% số xã" → "100% of communes".
            words.push(if counted || share_of_many { "of" } else { "of the" }.into());
        }
    }
    words.push(core);
    if !of_mods.is_empty() {
        // "lãnh đạo tỉnh Quảng Trị": after "of", a name's place is a noun ("leaders of
        // Quang Tri province"), not the adjective it is before a head.
        let english_order: Vec<&&Modifier> = of_mods.iter().rev().collect();
        let names: Vec<String> = english_order
            .iter()
            .enumerate()
            .map(|(k, m)| match m.en.as_str() {
                "provincial" if k > 0 && english_order[k - 1].kind == ModKind::Name => "province".to_string(),
                _ => m.en.clone(),
            })
            .collect();
        // "of the Provincial People's Council", but "of Military Region 5".
        let numbered = names.last().is_some_and(|n| n.ends_with(|c: char| c.is_ascii_digit()));
        let the = if of_mods.iter().any(|m| m.kind == ModKind::Body) && !numbered { "the " } else { "" };
        words.push(format!("of {the}{}", names.join(" ")));
    }
    words.join(" ")
}

/// A title used as a common noun ("Vice Chairman" → "vice chairman"); "Party" and the
/// body after "of" keep their capitals.
fn common_title(title: &str) -> String {
    let (own, of) = title.split_once(" of ").map_or((title, None), |(t, o)| (t, Some(o)));
    let own = own.split(' ').map(|w| if w == "Party" { w.to_string() } else { w.to_lowercase() }).collect::<Vec<_>>().join(" ");
    match of {
        Some(o) => format!("{own} of {o}"),
        None => own,
    }
}

/// A unit of measure as English press writes it after a number.
fn measure(head: &str, plural: bool) -> Option<String> {
    let short = match head {
        "kilometre" => "km",
        "kilogram" => "kg",
        "millimetre" => "mm",
        "centimetre" => "cm",
        "metre" => "m",
        "hectare" => "ha",
        "cubic metre" => return Some(if plural { "cubic metres" } else { "cubic metre" }.into()),
        "square metre" => return Some(if plural { "square metres" } else { "square metre" }.into()),
        "square kilometre" => return Some(if plural { "square kilometres" } else { "square kilometre" }.into()),
        "tonne" | "litre" | "gram" => return Some(if plural { format!("{head}s") } else { head.to_string() }),
        _ => return None,
    };
    Some(short.to_string())
}

/// "Provincial Provincial Party Committee" → one "Provincial": a modifier the head
/// already spells.
fn dedupe_words(s: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in s.split(' ') {
        if out.last().is_some_and(|l| l.eq_ignore_ascii_case(w)) {
            continue;
        }
        out.push(w);
    }
    out.join(" ")
}

/// How a verb is written here.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    Past,
    /// Present simple, agreeing with the subject (a quoted name's).
    Present,
    Base,
    To,
    Ing,
    /// After a subject in a directive: "need to".
    Need,
    /// After a subject in a plan: "will".
    Will,
}

/// A modal where the form asks for an infinitive: "must" has none; "have to" stands in
/// ("let no project have to transfer …"), and after "asked X" the "to" says it all
/// ("requested units to take", not "to have to take").
fn modal_as(modal: &str, form: Form) -> &str {
    match (modal, form) {
        ("must", Form::Base) => "have to",
        ("must", Form::To) => "to",
        ("no longer have to", Form::Past) => "no longer had to",
        _ => modal,
    }
}

/// "need" agreeing with its subject: "Units need to", "The department needs to".
fn need(plural_subject: bool) -> &'static str {
    if plural_subject { "need" } else { "needs" }
}

fn render_verb(v: &VerbGroup, form: Form, plural_subject: bool, object_follows: bool) -> String {
    // "Nhiều ngôi nhà bị sập": what no one can do to the subject, it underwent ("Many
    // houses collapsed", not "were collapsed").
    if v.undergone && !v.entry.feats.transitive && v.markers.contains(&Marker::Passive) {
        let markers = v.markers.iter().filter(|m| **m != Marker::Passive).cloned().collect();
        return render_verb(&VerbGroup { markers, undergone: false, ..v.clone() }, form, plural_subject, object_follows);
    }
    let e = v.entry;
    let base = e.en.as_str();
    let modal = v.markers.iter().find_map(|m| match m {
        Marker::Modal(m) => Some(m.as_str()),
        _ => None,
    });
    let mut s = if v.markers.contains(&Marker::Passive) {
        let pp = english::participle(base, e.feats.participle.as_deref());
        match (form, modal, v.negated.as_deref()) {
            // "cần được hỗ trợ" → "need to be supported", "phải được" → "must be".
            (_, Some(m), _) => format!("{} be {pp}", modal_as(m, form)),
            // "chưa được giải quyết" → "has not yet been resolved".
            (Form::Past, None, Some("not yet")) => format!("{} not yet been {pp}", if plural_subject { "have" } else { "has" }),
            _ => match form {
            Form::Past => format!("{} {pp}", if plural_subject { "were" } else { "was" }),
            Form::Present => format!("{} {pp}", if plural_subject { "are" } else { "is" }),
            Form::To => format!("to be {pp}"),
            Form::Need => format!("{} to be {pp}", need(plural_subject)),
            Form::Will => format!("will be {pp}"),
            Form::Ing => format!("being {pp}"),
            Form::Base => format!("be {pp}"),
            },
        }
    } else if v.markers.contains(&Marker::Future) {
        format!("will {base}")
    } else if v.markers.contains(&Marker::Progressive) && matches!(form, Form::To | Form::Ing) {
        // "bắt 2 đối tượng đang vận chuyển" → "caught 2 suspects transporting".
        english::ing(base)
    } else if v.markers.contains(&Marker::Progressive) {
        format!("{} {}", if plural_subject { "are" } else { "is" }, english::ing(base))
    } else if let Some(m) = modal {
        format!("{} {base}", modal_as(m, form))
    } else {
        let pp = || english::participle(base, e.feats.participle.as_deref());
        // A lexicon past in "was" ("hư hỏng": "was damaged") agrees with its subject.
        // So does one in "has" ("hiện có": "currently has", a state that still holds).
        let past = || match english::past(base, e.feats.past.as_deref()) {
            p if plural_subject && p.starts_with("was ") => format!("were{}", &p[3..]),
            p if plural_subject && p.split(' ').any(|w| w == "has") => p.split(' ').map(|w| if w == "has" { "have" } else { w }).collect::<Vec<_>>().join(" "),
            p => p,
        };
        match (form, v.negated.as_deref()) {
            (Form::Past, Some("not yet")) => format!("{} not yet {}", if plural_subject { "have" } else { "has" }, pp()),
            (Form::Past, Some("never")) => format!("never {}", past()),
            // "không còn xảy ra" → "no longer occurred".
            (Form::Past, Some("no longer")) => format!("no longer {}", past()),
            (Form::Present, Some("no longer")) if !plural_subject => format!("no longer {}", english::third(base)),
            (Form::Present | Form::Base | Form::Need, Some("no longer")) => format!("no longer {base}"),
            (Form::Past, Some(n)) => format!("did {n} {base}"),
            (Form::Base | Form::Need, Some(n)) => format!("do {n} {base}"),
            (Form::Will, Some(n)) => format!("will {n} {base}"),
            (Form::Present, Some(n)) => format!("{} {n} {base}", if plural_subject { "do" } else { "does" }),
            (Form::To, Some(n)) => format!("{n} to {base}"),
            (Form::Ing, Some(n)) => format!("{n} {}", english::ing(base)),
            _ => match form {
            Form::Past => past(),
            Form::Present if plural_subject => match base.strip_prefix("be ") {
                Some(rest) => format!("are {rest}"),
                None => base.to_string(),
            },
            Form::Present => english::third(base),
            Form::Base => base.to_string(),
            Form::To => format!("to {base}"),
            Form::Ing => english::ing(base),
            Form::Need => format!("{} to {base}", need(plural_subject)),
            Form::Will => format!("will {base}"),
            },
        }
    };
    // A negated passive or modal: "was not carried out", "must not".
    if let Some(n) = v.negated.as_deref().filter(|_| !v.markers.is_empty()) {
        s = match s.split_once(' ') {
            Some((aux, rest)) if !s.contains(" not") => format!("{aux} {n} {rest}"),
            _ => s,
        };
    }
    // "-ly" adverbs go before a verb with an object ("promptly handled the cases"),
    // others after it ("were carried out promptly and fully", "did well").
    let passive = v.markers.contains(&Marker::Passive);
    // A lexicon verb with its adverb ("fulfil comprehensively") before an object:
    // "comprehensively fulfilled the targets".
    if object_follows && !passive && e.en.split(' ').count() == 2 && e.en.ends_with("ly") {
        if let Some((verb, adverb)) = s.rsplit_once(' ') {
            s = before_main_verb(verb, adverb);
        }
    }
    // … and so does one whose English ends in "well" ("thực hiện tốt": "carry out well").
    if object_follows && !passive && v.adverbs.is_empty() {
        if let Some(core) = s.strip_suffix(" well").filter(|_| e.en.ends_with(" well")) {
            s = effectively(core);
        }
    }
    match v.adverbs.as_slice() {
        [] => s,
        advs if object_follows && !passive && advs.iter().all(|a| a.ends_with("ly")) => before_main_verb(&s, &join_and(advs)),
        // "thực hiện tốt nhiệm vụ": "well" cannot come between a verb and its object, and
        // after a long object it trails off; "effectively carried out the task".
        [well] if object_follows && !passive && well == "well" => effectively(&s),
        advs => format!("{s} {}", join_and(advs)),
    }
}

/// "Well" before a verb with an object: "effectively carried out", "continue to
/// effectively carry out", "focus on effectively doing".
fn effectively(verb: &str) -> String {
    if let Some((head, main)) = verb.rsplit_once(' ').filter(|(_, main)| main.ends_with("ing")) {
        return format!("{head} effectively {main}");
    }
    match verb.rsplit_once(" to ") {
        Some((head, main)) => format!("{head} to effectively {main}"),
        None => before_main_verb(verb, "effectively"),
    }
}

/// Puts an adverb before the main verb, after "to" and the auxiliaries: "must
/// thoroughly prepare", "to comprehensively fulfil", "promptly handled".
fn before_main_verb(verb: &str, adverb: &str) -> String {
    const AUX: &[&str] = &["to", "must", "need", "needs", "will", "should", "can", "may", "did", "do", "does", "not", "has", "have", "had", "yet", "is", "are", "was", "were", "be"];
    let words: Vec<&str> = verb.split(' ').collect();
    let k = words.iter().take_while(|w| AUX.contains(w)).count().min(words.len().saturating_sub(1));
    let mut out: Vec<&str> = words[..k].to_vec();
    out.push(adverb);
    out.extend(&words[k..]);
    out.join(" ")
}

/// Whether the noun phrase before `k` comes right after the sentence's opening phrase
/// and its comma ("Sau buổi lễ, …", "Ngày 5/3, …"): the first punctuation is that comma.
fn after_opening_phrase(chunks: &[Chunk], k: usize) -> bool {
    // "Chiều 10/10, tại xã X, …": a date and its comma may come first.
    let dateline = matches!(chunks.first(), Some(Chunk::Date { .. }));
    k >= 2
        && matches!(chunks.first(), Some(Chunk::Prep(..) | Chunk::Date { .. }))
        && matches!(chunks[k - 2], Chunk::Punct(','))
        && !chunks[..k - 2].iter().enumerate().any(|(j, c)| matches!(c, Chunk::Punct(_)) && !within_comma(chunks, j) && !(j == 1 && dateline))
}

/// Whether the comma at `j` joins a place to the larger one it lies in ("xã Ia Nan, huyện
/// Đức Cơ").
fn within_comma(chunks: &[Chunk], j: usize) -> bool {
    // A named road lies in any area ("đường Võ Văn Kiệt, P. Cầu Kho"); it is no area
    // itself ("at", not "in").
    let road = |c: &Chunk| {
        matches!(c, Chunk::Np(np) if np.mods.iter().any(|m| m.kind == ModKind::Name)
            && np.head.as_ref().is_some_and(|h| matches!(h.en.as_str(), "road" | "street" | "lane" | "alley")))
    };
    let inner = |c: &Chunk| admin_level(c).or_else(|| road(c).then_some(0));
    j >= 1
        && matches!(chunks[j], Chunk::Punct(','))
        && chunks.get(j + 1).and_then(admin_level).zip(inner(&chunks[j - 1])).is_some_and(|(outer, inner)| inner < outer)
}

fn join_and(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Pass 3: English, chunk by chunk.
/// The state of the clause being generated.
#[derive(Default)]
struct Clause {
    /// The form of the clause's last verb and what it takes.
    last_form: Option<(Form, Option<Comp>)>,
    object_since_verb: bool,
    subject_plural: bool,
    subject_seen: bool,
    /// The last noun phrase was the subject's, not a preposition's object.
    subject_open: bool,
    /// A "so that" clause: its verb takes "can" (or "could" after a past).
    purpose: Option<&'static str>,
    coordinated: bool,
    after_prep: Option<String>,
    /// The last noun phrase was plural and only a list separator followed it.
    list_plural: bool,
    /// "Công tác tìm kiếm, quy tập ... đạt": verbs in -ing are the subject until the
    /// clause's own verb.
    gerund_subject: bool,
    /// "Khi được hỏi, …": a time clause with no subject, ended by its comma.
    time_clause: bool,
    /// The time clause stands between the subject and its verb, set off by commas.
    time_inside: bool,
    /// The last noun phrase was a cause's ("do", "chủ yếu do").
    cause: bool,
    /// A verb said "no longer": a closing "nữa" adds nothing.
    no_longer: bool,
    /// The subject has an infinitive of its own ("Options to mobilise …"): the next
    /// marked verb is the clause's.
    infinitive_subject: bool,
    /// What the last verb takes before a verb in -ing when it has no object ("on").
    alone: Option<String>,
    /// "Xảy ra 15 vụ cháy, gây thiệt hại …": after what there was and a comma, the next
    /// verb says what it did, in -ing ("there were 15 fires, causing damage …").
    consequence: bool,
    /// A relative clause ("mà huyện đạt được"): its verb is in the past.
    relative: bool,
}

impl Clause {
    /// "was" or "were" ("is" or "are" in a quoted name or a headline), agreeing with the
    /// subject.
    fn was(&self, mood: Mood) -> &'static str {
        match (mood == Mood::Name, self.subject_plural) {
            (false, true) => "were",
            (false, false) => "was",
            (true, true) => "are",
            (true, false) => "is",
        }
    }
}

/// Whether an English noun phrase reads as plural ("armed forces", "people").
fn reads_plural(np_en: &str) -> bool {
    // A quoted name is not the head ("the programme "Foster Children of …"").
    let outside: String = np_en.split('"').step_by(2).collect();
    // The head is before "of" ("assessment of officials").
    let head = outside.split(" of ").next().unwrap_or(&outside).trim_end();
    let last = head.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    matches!(last.as_str(), "people" | "police" | "personnel" | "children" | "staff") || english::looks_plural(&last)
}

fn generate(chunks: &[Chunk], mood: Mood) -> String {
    generate_clause(chunks, mood, true)
}

/// `opening`: whether the chunks open the sentence (so an opening verb and its comma can
/// be a participle); not for the instruction inside a request frame.
fn generate_clause(chunks: &[Chunk], mood: Mood, opening: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut cl = Clause::default();
    // "Phát biểu tại hội nghị, đồng chí X ...": an opening verb before the subject's comma
    // is a participle ("Speaking at the conference, ...").
    let opening_comma = match chunks.first().filter(|_| opening) {
        Some(Chunk::Verb(v)) if v.markers.is_empty() => chunks.iter().position(|c| matches!(c, Chunk::Punct(','))).filter(|&p| {
            matches!(chunks.get(p + 1), Some(Chunk::Np(_)))
                && chunks[p + 1..].iter().any(|c| matches!(c, Chunk::Verb(_)))
                && !chunks[1..p].iter().any(|c| matches!(c, Chunk::Verb(_) | Chunk::Punct(_)))
        }),
        _ => None,
    };
    // The clause a relative clause interrupts: it goes on after the relative's comma.
    let mut outer: Option<Clause> = None;
    let mut k = 0;
    while k < chunks.len() {
        let c = &chunks[k];
        k += 1;
        if matches!(c, Chunk::Punct(_)) {
            if let Some(o) = outer.take() {
                cl = o;
            }
        }
        let mut separator = matches!(c, Chunk::Punct(',') | Chunk::Conj(..));
        match c {
            // "Công tác tìm kiếm ..." opening a clause: "Searching for ..." is the subject.
            Chunk::Np(np)
                if cl.last_form.is_none()
                    && !cl.subject_seen
                    && np.mods.is_empty()
                    && np.det.is_none()
                    && np.number.is_none()
                    && np.head.as_ref().is_some_and(|h| matches!(h.vi.as_str(), "công tác" | "việc"))
                    && matches!(chunks.get(k), Some(Chunk::Verb(v)) if v.markers.is_empty()) =>
            {
                cl.gerund_subject = true;
            }
            // "6 tháng đầu năm" → "the first 6 months of the year": a count of the period.
            Chunk::Np(np) if np.head.is_none() && np.det.is_none() && period(np, chunks.get(k)).is_some() => {
                // Right after a noun phrase it says when: "work in the first 6 months".
                let says_when = k >= 2
                    && match &chunks[k - 2] {
                        Chunk::Np(_) => true,
                        // Not after "a preliminary review of".
                        Chunk::Verb(v) => !ends_in_preposition(&v.entry.en),
                        _ => false,
                    };
                if says_when {
                    out.push("in".into());
                }
                out.extend(period(np, chunks.get(k)));
                k += 1;
                // "6 tháng cuối năm 2024": "the last 6 months of 2024".
                if let Some(Chunk::Date { en, .. }) = chunks.get(k) {
                    out.push(format!("of {en}"));
                    k += 1;
                }
            }
            Chunk::Np(np) => {
                if np.subject {
                    cl = Clause::default();
                }
                if k >= 2 && is_person(chunks.get(k - 2)) && is_title(Some(c)) {
                    out.push(",".into());
                }
                // "Agencies, units need to ...": the last comma of a list of things is "and".
                let common = |c: Option<&Chunk>| matches!(c, Some(Chunk::Np(n)) if n.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun));
                let list_ends = !(matches!(chunks.get(k), Some(Chunk::Punct(',') | Chunk::Conj(..))) && common(chunks.get(k + 1)));
                // "Trong nhiệm kỳ qua, tỉnh đạt ...": after an opening phrase and its comma, a
                // noun before the verb is the subject, not the phrase's list.
                // So is one with a companion before its verb ("Sau buổi lễ, 200 cán bộ, chiến sĩ
                // cùng 60 xe diễu hành": not "the ceremony and 200 officers").
                let verb_before_punct = || chunks[k..].iter().take_while(|c| !matches!(c, Chunk::Punct(_))).any(|c| matches!(c, Chunk::Verb(_)));
                // "Tại huyện X (không) xảy ra vụ cháy …": a place after its preposition,
                // before "there was", stays the place.
                let place_before_existential = cl.after_prep.is_some()
                    && matches!(chunks.get(k), Some(Chunk::Verb(v)) if v.markers.is_empty() && is_existential(v).is_some())
                    && matches!(chunks.get(k + 1), Some(Chunk::Np(_)));
                // "xã Ia Nan, huyện Đức Cơ": the larger place a place lies in keeps the comma
                // and is no subject.
                let within = k >= 3 && within_comma(chunks, k - 2);
                let opens_clause = !within
                    && cl.last_form.is_none()
                    && !cl.subject_seen
                    && !cl.subject_open
                    && !place_before_existential
                    && (matches!(chunks.get(k), Some(Chunk::Verb(_))) || (after_opening_phrase(chunks, k) && verb_before_punct()));
                if opens_clause {
                    cl.after_prep = None;
                }
                let term = term_of_office(np);
                let after_term = k >= 3 && matches!(&chunks[k - 3], Chunk::Np(n) if term_of_office(n).is_some());
                if k >= 3 && !np.subject && !opens_clause && term.is_none() && !after_term && !within && common(Some(c)) && common(chunks.get(k - 3)) && matches!(chunks[k - 2], Chunk::Punct(',')) && list_ends && out.last().is_some_and(|w| w == ",") {
                    if let Some(last) = out.last_mut() {
                        *last = "and".into();
                    }
                }
                let follows_name = is_person(chunks.get(k));
                let after_name = k >= 3 && matches!(chunks[k - 2], Chunk::Punct(',')) && is_person(chunks.get(k - 3));
                let owns = |c: Option<&Chunk>| matches!(c, Some(Chunk::Np(n)) if n.head.as_ref().is_some_and(|h| matches!(h.kind, HeadKind::Noun | HeadKind::Body | HeadKind::Title)));
                let of_previous = is_complement(np) && k >= 2 && owns(chunks.get(k - 2));
                // The phrase the complement belongs to stands for each of them: plural.
                // Not an amount: "the total value of the gifts" is one.
                // Nor before "some": "the quality of some inspections".
                let owner = matches!(chunks.get(k), Some(Chunk::Np(next)) if is_complement(next) && next.det.as_deref() != Some("some"))
                    && !np.head.as_ref().is_some_and(|h| h.amount);
                // "hỗ trợ cho hộ nghèo": a bare noun after "cho" is everyone of its kind
                // ("for poor households"); so is what is prevented ("không để xảy ra sai
                // sót" → "prevent errors").
                let prevented = k >= 2 && matches!(&chunks[k - 2], Chunk::Verb(v) if matches!(v.entry.vi.as_str(), "không để xảy ra" | "tuyệt đối không để xảy ra"));
                let generic = (cl.after_prep.as_deref() == Some("cho") || prevented)
                    && np.det.is_none()
                    && np.number.is_none()
                    && !np.indefinite
                    && np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun && !h.the)
                    && np.mods.iter().all(|m| m.kind == ModKind::Word);
                // "có diện tích 65 m²", "với tổng diện tích gần 83 ha": a noun that states a
                // quantity takes its figure with "of", and is one of its kind ("an area of
                // 65 square metres"). Not a subject ("Tổng kinh phí 5 tỷ đồng": "Total
                // funding was …").
                let states_amount = np.det.is_none()
                    && np.number.is_none()
                    && np.head.as_ref().is_some_and(|h| h.amount)
                    && (cl.last_form.is_some() || cl.after_prep.is_some())
                    && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_some());
                let en = render_np(np, !follows_name && !after_name, !states_amount && (cl.list_plural || generic || (owner && !np.indefinite && np.number.is_none())));
                let en = if k >= 3 && counted_period(&chunks[k - 2]) && np.number.is_none() && np.det.is_none() && np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun) {
                    // "6 months of resolution implementation".
                    format!("of {}", en.strip_prefix("the ").unwrap_or(&en))
                } else if let Some(years) = term {
                    // "Đại hội ..., nhiệm kỳ 2025-2030" → "... for the 2025-2030 term".
                    if cl.after_prep.is_some() {
                        format!("the {years} term")
                    } else if out.is_empty() {
                        format!("in the {years} term")
                    } else {
                        if out.last().is_some_and(|w| w == ",") {
                            out.pop();
                        }
                        format!("for the {years} term")
                    }
                } else if of_previous && en.starts_with("some ") {
                    format!("of {en}")
                } else if of_previous {
                    format!("of the {}", en.strip_prefix("the ").unwrap_or(&en))
                } else if np.of_owner && k >= 2 && owns(chunks.get(k - 2)) {
                    format!("of {en}")
                } else if is_title(Some(c))
                    && np.number.is_none()
                    && !np.plural
                    && !en.starts_with("the ")
                    && !en.to_lowercase().starts_with("comrade")
                    && !follows_name
                    && !titles_a_name(chunks, k - 1)
                    && !out.last().is_some_and(|w| w.ends_with(" of") || matches!(w.as_str(), "of" | "former" | "as" | "acting"))
                {
                    // An office standing for its holder: "the Chairman of the Provincial
                    // People's Committee requested", "by the Prime Minister".
                    format!("the {en}")
                } else if cl.after_prep.is_some() || k >= 2 && matches!(chunks[k - 2], Chunk::Verb(_)) {
                    // A pronoun after a preposition or a verb is its object ("of us").
                    objective(en)
                } else {
                    en
                };
                // After what it measures, with no preposition: "…, with a total value of …".
                if states_amount && cl.after_prep.is_none() {
                    let after_and = out.last().is_some_and(|w| w == "and");
                    if after_and {
                        out.pop();
                    }
                    if after_and || out.last().is_some_and(|w| w == ",") {
                        out.push("with".into());
                    }
                }
                let en = match en.strip_prefix("the ") {
                    Some(rest) if states_amount => format!("{} {rest} of", english::indefinite(rest)),
                    _ if states_amount => format!("{en} of"),
                    _ => en,
                };
                // "những kết quả mà huyện đạt được": what a relative clause defines takes
                // "the" ("the results that the district achieved").
                let defined = relative_at(chunks, k)
                    && np.det.is_none()
                    && np.number.is_none()
                    && np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun);
                let en = if defined && !en.starts_with("the ") { format!("the {en}") } else { en };
                amount_predicate(&mut cl, mood, &mut out, chunks, k, &en);
                if term.is_some() || within {
                    // A term of office belongs to what came before; it is no subject.
                } else if cl.last_form.is_none() && cl.after_prep.is_none() {
                    // The subject's number is its head's ("assessment of officials ... was"),
                    // unless phrases are joined ("X and Y were").
                    let joined = cl.subject_open && k >= 2 && matches!(chunks[k - 2], Chunk::Conj(..) | Chunk::Punct(','));
                    // A list after a preposition goes on as its objects ("giữa sở, ngành và
                    // địa phương"), not as the subject.
                    let subject_part = !cl.subject_seen || joined;
                    if subject_part {
                        cl.subject_plural = np.plural || cl.list_plural || reads_plural(&en) || (cl.subject_seen && joined);
                    }
                    cl.subject_seen = true;
                    // "Tổng giá trị | các phần quà": the subject's complement keeps it open.
                    cl.subject_open = subject_part || of_previous && cl.subject_open;
                } else {
                    cl.subject_open = false;
                    cl.object_since_verb = true;
                }
                out.push(en);
                // "2 lần mức này": a count of times is no list ("2 times this level").
                let times = np.head.as_ref().is_some_and(|h| h.vi == "lần") && matches!(chunks.get(k), Some(Chunk::Np(_)));
                cl.list_plural = (np.plural || cl.list_plural || generic) && !times;
                cl.cause = cl.after_prep.as_deref().is_some_and(is_cause) || cl.cause && cl.last_form.is_none();
                cl.after_prep = None;
                cl.coordinated = false;
            }
            // "Mưa lớn làm 3.215 ngôi nhà bị ngập" → "Heavy rain left 3,215 houses flooded".
            Chunk::Verb(v) if is_causative(v) && causative_state(chunks, k).is_some() => {
                let (states, used) = causative_states(chunks, k);
                // After a finished clause and a comma it is the clause's result: "there
                // were 4 storms, leaving 3 people dead".
                let result = k >= 2 && matches!(chunks[k - 2], Chunk::Punct(',')) && cl.object_since_verb;
                let form = match cl.last_form {
                    Some((Form::Past, _)) if result => Form::Ing,
                    Some((Form::To | Form::Need | Form::Will, _)) => Form::Base,
                    Some((f, _)) => f,
                    None => finite(mood, cl.subject_seen, v),
                };
                let leave = match form {
                    Form::Past => "left".to_string(),
                    Form::Present if cl.subject_plural => "leave".to_string(),
                    Form::Present => "leaves".to_string(),
                    Form::To => "to leave".to_string(),
                    Form::Ing => "leaving".to_string(),
                    Form::Need => format!("{} to leave", need(cl.subject_plural)),
                    Form::Will => "will leave".to_string(),
                    Form::Base => "leave".to_string(),
                };
                let each: Vec<String> = states.iter().map(|(what, state)| format!("{} {state}", render_np(what, true, false))).collect();
                out.push(format!("{leave} {}", join_and(&each)));
                cl.last_form = Some((form, None));
                cl.object_since_verb = true;
                k += used;
            }
            // "đã di dời 38 hộ …, không có thiệt hại về người": after a reported clause and
            // its comma, what there was none of goes with it ("…, with no loss of life").
            Chunk::Verb(v)
                if mood == Mood::Report
                    && matches!(cl.last_form, Some((Form::Past | Form::Present, _)))
                    && crate::phrases::normalise_key(&v.entry.vi) == "không có"
                    && v.markers.is_empty()
                    && matches!(chunks[k - 2], Chunk::Punct(','))
                    && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_none())
                    // Not "không có trường hợp nào bị thương": that says what none did.
                    && !chunks[k..].iter().take_while(|c| !matches!(c, Chunk::Punct(_))).any(|c| matches!(c, Chunk::Verb(_) | Chunk::State(_) | Chunk::Predicate(_))) =>
            {
                let Some(Chunk::Np(np)) = chunks.get(k) else { continue };
                // "no deaths": what could be counted, in the plural.
                let en = render_np(&NounPhrase { det: None, plural: true, ..np.clone() }, false, false);
                out.push(format!("with no {en}"));
                cl.object_since_verb = true;
                k += 1;
            }
            // "(rất may) không có thiệt hại về người" → "there was no loss of life".
            Chunk::Verb(v) if !cl.subject_seen && cl.last_form.is_none() && v.markers.is_empty() && is_existential(v).is_some() && matches!(chunks.get(k), Some(Chunk::Np(_))) => {
                let Some(Chunk::Np(np)) = chunks.get(k) else { continue };
                let negative = is_existential(v) == Some(true) || v.negated.is_some();
                // "no case", never "no any case".
                let en = if negative && np.det.as_deref() == Some("any") {
                    render_np(&NounPhrase { det: None, ..np.clone() }, false, false)
                } else {
                    render_np(np, false, false)
                };
                let plural = np.plural || reads_plural(&en);
                // "Có 12/12 cơ quan được kiểm tra": what there was is the subject of the verb
                // after it ("All 12 agencies were inspected"); "không có trường hợp nào mắc
                // sởi": "No case contracted measles".
                let verb_follows = matches!(chunks.get(k + 1), Some(Chunk::Verb(_)));
                let existential_have = matches!(crate::phrases::normalise_key(&v.entry.vi).as_str(), "có" | "đã có" | "không có");
                if verb_follows && existential_have {
                    // "Across the province, no household went hungry": the area sets off its clause.
                    if k >= 2 && matches!(chunks[k - 2], Chunk::Area(_)) {
                        out.push(",".into());
                    }
                    out.push(what_there_is(np, &en, negative, plural));
                    cl.subject_seen = true;
                    cl.subject_open = true;
                    cl.subject_plural = plural;
                    k += 1;
                    continue;
                }
                let be = match (mood, plural) {
                    (Mood::Directive { .. }, _) => "there must be",
                    (Mood::Name, true) => "there are",
                    (Mood::Name, false) => "there is",
                    (_, true) => "there were",
                    (_, false) => "there was",
                };
                out.push(format!("{be} {}", what_there_is(np, &en, negative, plural)));
                // "xảy ra 15 vụ cháy, gây thiệt hại …": a verb that goes on from what there
                // was says what it did, in -ing ("there were 15 fires, causing damage …").
                cl.consequence = mood == Mood::Report && !negative;
                cl.last_form = Some((Form::Past, None));
                cl.object_since_verb = true;
                // The list goes on from the phrase it took: "12 districts, towns and cities".
                cl.list_plural = plural;
                separator = true;
                k += 1;
            }
            // "đã xử lý 9.836 trường hợp, tăng 17,2% so với cùng kỳ": after a clause with a
            // count and its comma, a change by an amount says how the count moved ("…, up
            // 17.2%"), also where the count has words after it ("326 vụ vi phạm về môi
            // trường, tăng 12 vụ", "92% trường học đạt chuẩn, tăng 3%").
            Chunk::Verb(v)
                if is_change(v)
                    && v.markers.iter().all(|m| *m == Marker::Past)
                    && v.negated.is_none()
                    && v.adverbs.is_empty()
                    && k >= 3
                    && matches!(chunks[k - 2], Chunk::Punct(','))
                    && counted_before(&chunks[..k - 2])
                    && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.as_deref().is_some_and(|x| n.head.is_none() || !x.ends_with('%')))
                    // Not "giảm 5,6% số người chết", which names what fell.
                    && !matches!(chunks.get(k + 1), Some(Chunk::Np(_))) =>
            {
                let Some(Chunk::Np(amount)) = chunks.get(k) else { continue };
                let up = matches!(v.entry.en.as_str(), "increase" | "rise" | "grow" | "go up");
                out.push(format!("{} {}", if up { "up" } else { "down" }, render_np(amount, false, false)));
                k += 1;
            }
            // "Năm 2024, đã tiếp nhận 320 hồ sơ": a report's clause with no subject says what
            // was done in the passive, with the count as its subject ("In 2024, 320 files
            // were received").
            Chunk::Verb(v) if mood == Mood::Report && cl.last_form.is_none() && !cl.gerund_subject && cl.after_prep.is_none() && passive_report(&chunks[..k - 1], v, &chunks[k..]) => {
                let Some(Chunk::Np(np)) = chunks.get(k) else { continue };
                let en = render_np(np, true, false);
                let plural = np.plural || reads_plural(&en);
                let passive = VerbGroup { markers: vec![Marker::Passive], ..v.clone() };
                out.push(en);
                out.push(render_verb(&passive, Form::Past, plural, false));
                cl.subject_seen = true;
                cl.subject_plural = plural;
                cl.last_form = Some((Form::Past, None));
                cl.object_since_verb = true;
                cl.coordinated = false;
                k += 1;
            }
            // "6 tháng thực hiện nghị quyết" → "6 months of implementing the resolution".
            // Not the clause's own verb ("Thu ngân sách 6 tháng đạt 58%").
            Chunk::Verb(v)
                if v.markers.is_empty()
                    && v.negated.is_none()
                    && k >= 2
                    && counted_period(&chunks[k - 2])
                    && !(cl.last_form.is_none() && k >= 3 && matches!(chunks[k - 3], Chunk::Np(_)))
                    && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_none()) =>
            {
                out.push(format!("of {}", render_verb(v, Form::Ing, false, true)));
                // Its object belongs to the phrase, not the clause: no subject, no verb yet.
                cl.after_prep = Some("of".into());
            }
            Chunk::Verb(v) => {
                let serial = k >= 2 && matches!(chunks[k - 2], Chunk::Verb(_));
                // A marked verb ("được thực hiện", "phải") after the gerund and its object is
                // the clause's own, even when no object came between.
                // A bare verb before that marked one is inside the gerund phrase ("Việc giải
                // quyết các vụ việc phát sinh … được thực hiện" → "Resolving incidents arising …
                // was carried out").
                let marked_ahead = || {
                    chunks[k..].iter().take_while(|c| !matches!(c, Chunk::Punct(_))).any(|c| match c {
                        Chunk::Verb(w) => !w.markers.is_empty() || w.negated.is_some(),
                        Chunk::State(_) => true,
                        _ => false,
                    })
                };
                // "Phải hỗ trợ ngay …", "Cần tăng cường …" with no subject: English needs one,
                // and the house style gives "it" ("It must proactively keep a firm grasp …").
                let opens_clause = cl.last_form.is_none() && !cl.subject_seen && !cl.gerund_subject && cl.after_prep.is_none();
                if mood.directive() && opens_clause && subjectless_order(&chunks[..k - 1], v) {
                    out.push("it".into());
                    cl.subject_seen = true;
                }
                let mut when = false;
                let mut ends_time_clause = false;
                // A bare verb that goes on from an earlier one ("need to review … and not
                // let …"), not an order of its own ("do not let").
                let mut continued = false;
                let mut relative = false;
                let consequence = std::mem::take(&mut cl.consequence)
                    && matches!(chunks[k - 2], Chunk::Punct(','))
                    && v.markers.iter().all(|m| *m == Marker::Past)
                    && v.negated.is_none();
                let form = if consequence || cl.gerund_subject && (cl.last_form.is_none() || (cl.coordinated || serial || marked_ahead()) && v.markers.is_empty()) {
                    Form::Ing
                } else if cl.gerund_subject {
                    // The clause's own verb, after the gerund subject and its object.
                    cl.gerund_subject = false;
                    cl.subject_seen = true;
                    cl.last_form = None;
                    finite(mood, true, v)
                } else if k == 1 && opening_comma.is_some() {
                    Form::Ing
                } else if let Some(comp) = (k >= 2 && (v.markers.is_empty() || v.markers == [Marker::Passive]))
                    .then(|| match &chunks[k - 2] {
                        // Not "tình trạng học sinh điều khiển": the verb is the pupils'.
                        Chunk::Np(n) => n.head.as_ref().and_then(|h| h.comp).filter(|&c| c != Comp::Ing || n.mods.is_empty()),
                        _ => None,
                    })
                    .flatten()
                    // "to" needs what the verb does ("conditions to hold the congress").
                    .filter(|&c| c == Comp::Ing || !chunks.get(k).is_none_or(|c| matches!(c, Chunk::Punct(_))))
                    // "nguy cơ bị tràn" → "the risk of being overflowed".
                    .filter(|&c| c == Comp::Ing || v.markers.is_empty())
                {
                    if comp == Comp::Ing {
                        out.push("of".into());
                        Form::Ing
                    } else {
                        // "Các phương án huy động xe … được chuẩn bị": the subject's own
                        // infinitive; a marked verb after it is the clause's.
                        cl.infinitive_subject = cl.subject_seen && cl.last_form.is_none();
                        Form::To
                    }
                } else if let Some(modal) = cl.purpose.filter(|_| cl.last_form.is_none() && v.negated.is_none()) {
                    // "so that people can understand".
                    out.push(modal.into());
                    Form::Base
                } else if cl.infinitive_subject && (!v.markers.is_empty() || v.negated.is_some()) {
                    cl.infinitive_subject = false;
                    finite(mood, true, v)
                } else if cl.time_clause && (v.negated.is_some() || v.markers.iter().any(|m| matches!(m, Marker::Modal(_)))) {
                    // After a time clause a modal or a negation marks the clause's own verb
                    // ("Người dân khi đã uống rượu tuyệt đối không điều khiển …": "People, when
                    // drinking alcohol, absolutely did not drive").
                    cl.time_clause = false;
                    ends_time_clause = true;
                    if std::mem::take(&mut cl.time_inside) {
                        // Before the verb's own adverb.
                        let adverb = matches!(&chunks[k - 2], Chunk::Word(w) if out.last() == Some(w));
                        let at = out.len() - usize::from(adverb);
                        out.insert(at, ",".into());
                    }
                    finite(mood, cl.subject_seen, v)
                } else if let Some(p) = cl.after_prep.take() {
                    when = when_conj(&p);
                    // "sang thăm" → "to visit": after an English "to" a verb is an infinitive.
                    if matches!(p.as_str(), "để" | "nhằm" | "nhằm mục đích") || out.last().is_some_and(|w| w == "to") { Form::Base } else { Form::Ing }
                } else {
                    match cl.last_form {
                        Some((prev, comp)) if cl.coordinated || serial && comp.is_none() || (!cl.object_since_verb && comp.is_none() && prev != Form::Base) => match prev {
                            Form::To | Form::Need | Form::Will => {
                                continued = true;
                                Form::Base
                            }
                            Form::Base => {
                                continued = cl.subject_seen;
                                Form::Base
                            }
                            f => f,
                        },
                        Some((_, Some(Comp::Ing))) => Form::Ing,
                        Some((_, Some(Comp::That))) if !cl.object_since_verb => finite(mood, cl.subject_seen, v),
                        Some((_, Some(Comp::To))) if !cl.object_since_verb && cl.alone.is_some() => {
                            out.extend(cl.alone.take());
                            Form::Ing
                        }
                        Some((_, Some(Comp::To))) => Form::To,
                        Some((_, Some(Comp::Bare))) => Form::Base,
                        // "Cán bộ khi làm nhiệm vụ phải đeo camera": a modal marks the clause's
                        // own verb ("must wear"), no complement of the last one; so does
                        // "vẫn còn" ("tình trạng … vẫn còn xảy ra": "still occurred").
                        Some(_) if v.markers.iter().any(|m| matches!(m, Marker::Modal(_))) || matches!(&chunks[k - 2], Chunk::Word(w) if w == "still") => {
                            finite(mood, cl.subject_seen, v)
                        }
                        // "thu hồi 146 khu đất công bị lấn chiếm", "hỗ trợ các hộ bị mất
                        // trắng": a passive right after the object says which ones ("146
                        // plots of public land encroached on", "households that lost
                        // everything"), not what was done next.
                        // A noun after a comma that follows a verb opens a clause of its own
                        // ("…bị vùi lấp, nhiều đoạn đường bị sạt lở": "…, many roads
                        // collapsed").
                        Some(_) if v.markers == [Marker::Passive] && matches!(chunks[k - 2], Chunk::Np(_)) && opens_after_comma(&chunks[..k - 1]).is_some() => {
                            cl.subject_seen = true;
                            finite(mood, true, v)
                        }
                        Some(_)
                            if v.markers == [Marker::Passive]
                                && v.negated.is_none()
                                && cl.object_since_verb
                                && matches!(&chunks[k - 2], Chunk::Np(n) if n.head.as_ref().is_some_and(|h| h.comp.is_none())) =>
                        {
                            relative = true;
                            Form::Past
                        }
                        Some(_) => Form::To,
                        None if cl.relative => Form::Past,
                        None => finite(mood, cl.subject_seen, v),
                    }
                };
                // "lãnh đạo thực hiện" with no object between: "led and carried out".
                if serial && !ends_time_clause && cl.last_form.is_some_and(|(_, comp)| comp.is_none()) {
                    out.push("and".into());
                }
                // The last verb of a comma list takes "and": "lead, prepare" → "lead and prepare".
                let list_goes_on = matches!(chunks.get(k), Some(Chunk::Punct(','))) && matches!(chunks.get(k + 1), Some(Chunk::Verb(_)))
                    || chunks.get(k).is_some_and(|c| matches!(c, Chunk::Np(_)))
                        && matches!(chunks.get(k + 1), Some(Chunk::Punct(',')))
                        && matches!(chunks.get(k + 2), Some(Chunk::Verb(_)));
                if cl.coordinated && !consequence && !list_goes_on && out.last().is_some_and(|w| w == ",") && k >= 2 && matches!(chunks[k - 2], Chunk::Punct(',')) {
                    if let Some(last) = out.last_mut() {
                        *last = "and".into();
                    }
                }
                // "Đồng chí X, Bí thư Tỉnh ủy chủ trì": the titles close with a comma
                // before the verb ("Comrade X, Secretary of …, chaired").
                if cl.last_form.is_none() && apposition_ends(chunks, k - 1) && out.last().is_some_and(|w| w != ",") {
                    out.push(",".into());
                }
                let object_follows = matches!(chunks.get(k), Some(Chunk::Np(_)));
                // "không để dự án nào phải chuyển nguồn": not letting any is letting none
                // ("let no project have to transfer …").
                let lets_none = v.negated.as_deref() == Some("not")
                    && v.markers.is_empty()
                    && v.entry.feats.comp == Some(Comp::Bare)
                    && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.det.as_deref() == Some("any"))
                    && matches!(chunks.get(k + 1), Some(Chunk::Verb(_) | Chunk::State(_)));
                let affirmative;
                let v = if lets_none {
                    affirmative = VerbGroup { negated: None, ..v.clone() };
                    &affirmative
                } else {
                    v
                };
                let mut verb = render_verb(v, form, cl.subject_plural, object_follows);
                if let Some(rest) = verb.strip_prefix("do not ").filter(|_| continued) {
                    verb = format!("not {rest}");
                }
                if relative {
                    // What was done to the noun is its participle; what it underwent with
                    // "bị", when no one does it, a past ("bị mất trắng": "that lost
                    // everything").
                    verb = if v.entry.feats.transitive || !v.undergone {
                        english::participle(&v.entry.en, v.entry.feats.participle.as_deref())
                    } else {
                        // The relative's form is the past: `verb` is already it.
                        format!("that {verb}")
                    };
                }
                cl.no_longer |= v.negated.as_deref() == Some("no longer") || v.markers.iter().any(|m| matches!(m, Marker::Modal(m) if m.starts_with("no longer")));
                // "when being detected" → "when detected".
                if let Some(pp) = verb.strip_prefix("being ").filter(|_| when) {
                    verb = pp.to_string();
                }
                // "Khi được hỏi, ông cho biết": the subject after the comma is the next
                // clause's.
                cl.time_clause |= when;
                // "rất phấn khởi" → "were very delighted".
                if let Some((be, rest)) = verb.split_once(' ').filter(|(be, _)| matches!(*be, "was" | "were" | "is" | "are" | "be")) {
                    let adverb = take_after_be(&mut out, rest);
                    verb = format!("{be} {adverb}{rest}");
                }
                // "khai mạc kỳ họp thứ 20": the lexicon's "open the session" takes the
                // ordinal after it inside: "opened the 20th session".
                if let Some(Chunk::Word(o)) = chunks.get(k) {
                    let ordinal = o.starts_with(|c: char| c.is_ascii_digit()) && ["st", "nd", "rd", "th"].iter().any(|e| o.ends_with(e));
                    if let Some(at) = verb.rfind(" the ").filter(|_| ordinal) {
                        verb.insert_str(at + 5, &format!("{o} "));
                        k += 1;
                    }
                }
                out.push(verb);
                if let (true, Some(Chunk::Np(n))) = (lets_none, chunks.get(k)) {
                    out.push(format!("no {}", render_np(&NounPhrase { det: None, ..n.clone() }, false, false)));
                    k += 1;
                    cl.last_form = Some((form, Some(Comp::Bare)));
                    cl.object_since_verb = true;
                    cl.coordinated = false;
                    continue;
                }
                // The clause goes on from the verb before the relative, unless the relative
                // takes a verb of its own ("được giao quản lý": "assigned to manage").
                if relative && v.entry.feats.comp.is_none() {
                    cl.object_since_verb = true;
                    cl.coordinated = false;
                    continue;
                }
                // "giảm 11 vụ", "tăng 17,2%": a change by an amount.
                let change = is_change(v);
                // "giảm cả 3 tiêu chí": "fell on all 3 counts".
                if let Some(Chunk::Np(n)) = chunks.get(k).filter(|_| change) {
                    if n.number.is_some() {
                        out.push(if n.det.as_deref() == Some("all") { "on" } else { "by" }.into());
                    }
                }
                // After "must", "will", "need to" a coordinated verb is bare: "must lead and prepare";
                // so after a lexicon phrase that ends in its event's purpose ("tổ chức hội
                // nghị tổng kết" → "hold a conference to review"): "... and deploy".
                let bare = v.markers.iter().any(|m| matches!(m, Marker::Modal(_) | Marker::Future)) || ends_in_purpose(&v.entry.en);
                cl.last_form = Some((if bare { Form::Base } else { form }, v.entry.feats.comp));
                cl.alone.clone_from(&v.entry.feats.alone);
                // "cho thấy các đơn vị đã chấp hành": "showed that units complied" — a
                // clause of its own after a verb that takes "that".
                if v.entry.feats.comp == Some(Comp::That) && clause_follows(chunks, k) {
                    out.push("that".into());
                    cl = Clause::default();
                    continue;
                }
                cl.object_since_verb = false;
                cl.coordinated = false;
            }
            // "X do Y chủ trì" → "X chaired by Y" ("was chaired by Y" when X has no verb yet).
            Chunk::Prep(_, key) | Chunk::Conj(_, key) if key == "do" && agent_end(chunks, k).is_some() => {
                let j = agent_end(chunks, k).expect("checked");
                let Chunk::Verb(v) = &chunks[j] else { continue };
                let head = v.entry.en.split(' ').next().unwrap_or("");
                let pp = if matches!(head, "head" | "lead") {
                    "led".to_string()
                } else {
                    english::participle(&v.entry.en, v.entry.feats.participle.as_deref())
                };
                let clause_ends = chunks.get(j + 1).is_none_or(|c| matches!(c, Chunk::Punct(_)));
                if cl.last_form.is_none() && cl.subject_seen && clause_ends {
                    out.push(cl.was(mood).into());
                    cl.last_form = Some((Form::Past, None));
                }
                out.push(format!("{pp} by {}", generate(&chunks[k..j], mood)));
                k = j + 1;
            }
            // "để người dân nhận thức rõ": a purpose with its own subject is "so that".
            // Only after what it is for ("nếu để dịch lây lan" is "if ... let").
            Chunk::Prep(_, key)
                if key == "để"
                    && k >= 2
                    && matches!(chunks[k - 2], Chunk::Np(_) | Chunk::Verb(_))
                    && matches!(chunks.get(k), Some(Chunk::Np(np)) if np.head.is_some())
                    && (matches!(chunks.get(k + 1), Some(Chunk::Verb(_))) || matches!(chunks.get(k + 1), Some(Chunk::Word(_))) && matches!(chunks.get(k + 2), Some(Chunk::Verb(_)))) =>
            {
                out.push("so that".into());
                // After a past verb, "could": "supported ... so that households could repair".
                let could = cl.last_form.is_some_and(|(f, _)| f == Form::Past) && mood == Mood::Report;
                cl = Clause { purpose: Some(if could { "could" } else { "can" }), ..Clause::default() };
            }
            // "cách trung tâm huyện hơn 70 km" → "more than 70 km from the district centre".
            Chunk::Prep(_, key) if key == "cách" && matches!((chunks.get(k), chunks.get(k + 1)), (Some(Chunk::Np(_)), Some(Chunk::Np(d))) if d.number.is_some()) => {
                let (Some(Chunk::Np(place)), Some(Chunk::Np(distance))) = (chunks.get(k), chunks.get(k + 1)) else { continue };
                // "Trường học cách trung tâm xã 15 km": where it lies is the predicate.
                if cl.last_form.is_none() && cl.subject_seen {
                    out.push(cl.was(mood).into());
                    cl.last_form = Some((Form::Past, None));
                }
                out.push(render_np(distance, false, false));
                out.push("from".into());
                out.push(render_np(place, true, false));
                k += 2;
            }
            Chunk::Prep(en, key) => {
                // "quan tâm đến" → "paid attention to": the verb's English has it already.
                let verb_has_it = k >= 2 && matches!(&chunks[k - 2], Chunk::Verb(_)) && out.last().is_some_and(|w| w.ends_with(&format!(" {en}")));
                // "trao 300 suất quà cho các hộ nghèo": what was given goes to them.
                let given = key == "cho"
                    && chunks[..k - 1].iter().rev().take_while(|c| !matches!(c, Chunk::Punct(';' | ':'))).find_map(|c| match c {
                        Chunk::Verb(v) => Some(v.entry.feats.give),
                        _ => None,
                    }) == Some(true);
                // "tại huyện X", "tại Hà Nội": in an area, at a building.
                let area = |c: Option<&Chunk>| {
                    matches!(c, Some(Chunk::Np(n)) if n.head.as_ref().is_some_and(|h| h.kind == HeadKind::Place || area_level(&h.en).is_some()))
                };
                // "đạt 6.218 tỷ đồng, bằng 58,1% dự toán": "equal to 58.1% of the estimate".
                let equal = key == "bằng" && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_some());
                if given {
                    out.push("to".into());
                } else if equal {
                    out.push("equal to".into());
                } else if key == "tại" && en == "at" && area(chunks.get(k)) {
                    out.push("in".into());
                } else if matches!(key.as_str(), "đến" | "tới") && time_opening(chunks, k - 1) {
                    // "Đến 16 giờ chiều nay, toàn tỉnh đã di dời …": the count stood then.
                    out.push("as of".into());
                } else if !en.is_empty() && !verb_has_it {
                    out.push(en.clone());
                }
                cl.after_prep = Some(key.clone());
            }
            Chunk::Conj(en, key) => {
                // "khi làm nhiệm vụ", "khi bị phát hiện": a time clause with no subject of
                // its own takes the verb's -ing form or participle ("when performing
                // duties", "when detected"), as a preposition's verb does.
                let unmodal = |v: &VerbGroup| !v.markers.iter().any(|m| matches!(m, Marker::Modal(_) | Marker::Future));
                let time_clause = when_conj(key) && matches!(chunks.get(k), Some(Chunk::Verb(v)) if unmodal(v) && is_existential(v).is_none());
                // Between the subject and its verb it is set off by commas ("Officers, when
                // on duty, must wear …").
                if time_clause && cl.subject_seen && cl.last_form.is_none() {
                    out.push(",".into());
                    cl.time_inside = true;
                }
                // "…, nhưng chỉ 18% đạt chuẩn": "but" before a subject and its verb opens a
                // clause of its own ("but only 18% reached").
                // "những kết quả mà huyện đạt được": after a noun phrase, "mà" before a
                // subject and its verb opens a relative clause ("the results that the
                // district achieved"), in the past.
                let relative = relative_at(chunks, k - 1);
                if relative {
                    out.push("that".into());
                } else if !en.is_empty() {
                    out.push(en.clone());
                }
                if matches!(key.as_str(), "nhưng" | "song") && subject_then_verb(&chunks[k..], |c| matches!(c, Chunk::Word(_))) {
                    cl = Clause::default();
                } else if relative {
                    outer = Some(std::mem::replace(&mut cl, Clause { relative: true, ..Clause::default() }));
                }
                // "khi có gió mạnh" → "when there are strong winds", "khi có cháy rừng xảy
                // ra" → "when a forest fire occurs": a clause of its own up to the next
                // punctuation, in the present unless the sentence reports; "trước khi có mưa
                // lớn" → "before heavy rain".
                if let (true, Some(Chunk::Verb(v)), Some(Chunk::Np(np))) = (when_conj(key), chunks.get(k), chunks.get(k + 1)) {
                    if v.markers.is_empty() && v.negated.is_none() && crate::phrases::normalise_key(&v.entry.vi) == "có" {
                        let end = chunks[k..].iter().position(|c| matches!(c, Chunk::Punct(_))).map_or(chunks.len(), |p| k + p);
                        if key == "khi" {
                            out.push(generate_clause(&chunks[k..end], if mood == Mood::Report { mood } else { Mood::Name }, false));
                            k = end;
                            continue;
                        } else if end == k + 2 {
                            out.push(render_np(np, false, false));
                            k += 2;
                            continue;
                        }
                    }
                }
                // "chủ yếu do vướng mặt bằng và thiếu vật liệu": a verb joined to a cause is
                // part of it ("mainly due to site clearance problems and lacking materials").
                if cl.cause && key == "và" && matches!(chunks.get(k), Some(Chunk::Verb(v)) if v.markers.is_empty() && v.negated.is_none()) {
                    cl.after_prep = Some(key.clone());
                    continue;
                }
                if time_clause {
                    cl.after_prep = Some(key.clone());
                } else {
                    cl.coordinated = true;
                }
            }
            // "dài 280,7 km" → "280.7 km long".
            Chunk::Word(w) if matches!(w.as_str(), "long" | "wide" | "deep" | "high" | "tall") && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_some()) => {
                let Some(Chunk::Np(n)) = chunks.get(k) else { continue };
                out.push(format!("{} {w}", render_np(n, true, false)));
                k += 1;
            }
            // "không còn phải lo … nữa": "no longer" says it all.
            Chunk::Word(w) if w == "more" && cl.no_longer => {}
            // "yêu cầu các đơn vị không được chủ quan": after "asked X", a phrase's "must
            // not" is "not to" ("asked units not to be complacent").
            Chunk::Word(w) if w.starts_with("must ") && cl.last_form.is_some_and(|(_, c)| c == Some(Comp::To)) => {
                let rest = &w["must ".len()..];
                out.push(match rest.split_once("not ") {
                    Some((adverb, verb)) => format!("{adverb}not to {verb}"),
                    None => format!("to {rest}"),
                });
            }
            Chunk::Word(w) => {
                amount_predicate(&mut cl, mood, &mut out, chunks, k, w);
                // "Nguyên nhân là do nguồn kinh phí còn hạn chế": before a clause, "because",
                // not "because of".
                match w.strip_suffix("because of").filter(|_| new_clause_after(chunks, k)) {
                    Some(before) => out.push(format!("{before}because")),
                    None => out.push(w.clone()),
                }
            }
            // "chất lượng nguồn nhân lực chưa cao": after its subject with no verb yet, the
            // state is the predicate ("the quality ... was not yet high").
            // So is it after a gerund subject ("Công tác phối hợp chưa chặt chẽ" →
            // "Coordinating was not yet close").
            Chunk::State(w) if (cl.last_form.is_none() && cl.subject_seen || cl.gerund_subject) && cl.after_prep.is_none() => {
                if cl.gerund_subject {
                    cl.gerund_subject = false;
                    cl.subject_seen = true;
                    cl.subject_plural = false;
                }
                let be = cl.was(mood);
                // "vẫn thấp", "rất vui": "was still low", "were very happy", not "still was
                // low". "Remain" says "still" itself.
                let adverb = take_after_be(&mut out, w);
                out.push(match w.strip_prefix("remain ") {
                    Some(rest) if adverb == "still " => format!("remained {rest}"),
                    Some(rest) => format!("remained {adverb}{rest}"),
                    None => format!("{be} {adverb}{w}"),
                });
                cl.last_form = Some((Form::Past, None));
            }
            // "không để người dân nào bị đói": "let no one be hungry".
            Chunk::State(w) if cl.object_since_verb && cl.last_form.is_some_and(|(_, comp)| comp == Some(Comp::Bare)) => {
                out.push(format!("be {w}"));
                cl.last_form = Some((Form::Base, None));
            }
            Chunk::State(w) => {
                // "must be safe, serious": the last of a list of states takes "and".
                // Not after a lexicon pair ("impartial and objective, clean").
                let state_before = k >= 3 && matches!(chunks[k - 2], Chunk::Punct(',')) && matches!(&chunks[k - 3], Chunk::State(s) if !s.contains(" and "));
                let list_goes_on = matches!(chunks.get(k), Some(Chunk::Punct(','))) && matches!(chunks.get(k + 1), Some(Chunk::State(_)));
                if state_before && !list_goes_on && !w.contains(" and ") && out.last().is_some_and(|w| w == ",") {
                    if let Some(last) = out.last_mut() {
                        *last = "and".into();
                    }
                }
                out.push(w.clone());
            }
            Chunk::Area(w) => {
                cl = Clause::default();
                out.push(w.clone());
            }
            Chunk::Predicate(state) => {
                // After a comma, the noun phrase before it may open a clause of its own.
                let opened = if k >= 2 && matches!(chunks[k - 2], Chunk::Np(_)) { opens_after_comma(&chunks[..k - 1]) } else { None };
                // After its subject with no verb yet: "were flooded"; before the clause's own
                // verb it says which ones ("Các hộ bị thiệt hại đã được hỗ trợ" → "Households
                // that were damaged were supported"); else as it is.
                if cl.last_form.is_none() && cl.subject_seen && matches!(chunks.get(k), Some(Chunk::Verb(_))) {
                    out.push(format!("that {} {state}", cl.was(mood)));
                } else if cl.last_form.is_none() && cl.subject_seen || opened.is_some() {
                    // A clause of its own after a finished one: "was" agrees with its
                    // subject, the first noun phrase after the comma.
                    if let (Some(subject), true) = (opened, cl.last_form.is_some()) {
                        cl.subject_plural = subject.plural;
                    }
                    out.push(format!("{} {state}", cl.was(mood)));
                    cl.last_form = Some((Form::Past, None));
                } else {
                    out.push(state.clone());
                }
            }
            Chunk::Date { prep, en } => {
                // "(Bắc Giang, 02/04/2025)": a dateline's date stands alone.
                let dateline = matches!(chunks.get(k), Some(Chunk::Punct(')'))) && k >= 2 && matches!(chunks[k - 2], Chunk::Punct(',' | '('));
                if cl.after_prep.take().is_none() && !dateline {
                    out.push(prep.to_string());
                }
                out.push(en.clone());
            }
            // "9.120 vụ/13.400 đối tượng": "9,120 cases involving 13,400 individuals".
            // "150 mm/24 giờ": "150 mm in 24 hours".
            Chunk::Punct('/') if k >= 2 && matches!(chunks[k - 2], Chunk::Np(ref n) if n.number.is_some() && n.head.is_some()) && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_some() && n.head.is_some()) => {
                let time = matches!(chunks.get(k), Some(Chunk::Np(n)) if n.head.as_ref().is_some_and(|h| matches!(h.en.as_str(), "hour" | "day" | "week" | "month" | "year")));
                out.push(if time { "in" } else { "involving" }.into());
            }
            // "45 học sinh/lớp", "300 triệu đồng/ha": a count per a unit of another thing
            // ("45 pupils per class", "300 million dong per hectare").
            // So is one more ("500.000 đồng/em/tháng": "per pupil per month").
            Chunk::Punct('/')
                if k >= 2
                    && (matches!(chunks[k - 2], Chunk::Np(ref n) if n.number.is_some()) || out.last().is_some_and(|w| w.starts_with("per ")))
                    && matches!(chunks.get(k), Some(Chunk::Np(n)) if n.number.is_none() && n.det.is_none() && n.head.is_some()) =>
            {
                let Some(Chunk::Np(per)) = chunks.get(k) else { continue };
                out.push(format!("per {}", render_np(&NounPhrase { plural: false, ..per.clone() }, false, false)));
                k += 1;
            }
            // "60 triệu đồng/căn xây mới": per one of a thing the classifier stands for and
            // English has no word for ("60 million dong each to build new").
            Chunk::Punct('/') if k >= 2 && matches!(chunks[k - 2], Chunk::Np(ref n) if n.number.is_some()) && !matches!(chunks.get(k), Some(Chunk::Np(_))) => {
                out.push("each".into());
            }
            // "Hồ Văn Niên - Ủy viên …": the dash between a name and its titles is a comma.
            Chunk::Punct('-' | '–') if apposition_opens(chunks, k - 1) => {
                out.push(",".into());
                cl.after_prep = None;
            }
            Chunk::Punct(p) => {
                match p {
                    ';' | ':' => cl = Clause::default(),
                    ',' if cl.time_clause && !cl.subject_seen => cl = Clause::default(),
                    ',' if opening_comma == Some(k - 1) => {
                        cl.last_form = None;
                        cl.subject_seen = false;
                    }
                    // "hạ tầng chưa đồng bộ, việc chuyển dịch cơ cấu còn chậm": a new subject
                    // and its own verb after a finished clause open a clause of their own.
                    ',' if cl.last_form.is_some_and(|(_, comp)| comp != Some(Comp::To)) && !cl.infinitive_subject && new_clause_after(chunks, k) => cl = Clause::default(),
                    ',' => cl.coordinated = cl.last_form.is_some(),
                    _ => {}
                }
                out.push(p.to_string());
                cl.after_prep = None;
            }
        }
        if !separator && !matches!(c, Chunk::Np(_)) {
            cl.list_plural = false;
        }
    }
    out.join(" ")
}

/// "tăng 17,2%", "giảm 11 vụ": a change by an amount.
fn is_change(v: &VerbGroup) -> bool {
    matches!(v.entry.en.as_str(), "increase" | "decrease" | "rise" | "fall" | "drop" | "grow" | "reduce" | "go up" | "go down")
}

/// Whether a report's verb with no subject before it (in its clause, only phrases after a
/// preposition or opening the clause up to their comma: "Năm 2024,", "Riêng vi phạm
/// nồng độ cồn,") and a counted object after it ("đã xử lý 9.836 trường hợp") is best
/// said in the passive. Not a change ("tăng 11 vụ"), not a negation; only in a sentence's
/// first clause (after a semicolon the subject before it goes on: "…; thu giữ 3,2 kg"),
/// and only for one object (not a list: "thu giữ 3,2 kg heroin, 5.600 viên").
fn passive_report(clause: &[Chunk], v: &VerbGroup, after: &[Chunk]) -> bool {
    let object = after.first();
    let one_object = match after.get(1) {
        None | Some(Chunk::Prep(..) | Chunk::Date { .. } | Chunk::Punct('.' | ';' | '!')) => true,
        Some(Chunk::Punct(',')) => !matches!(after.get(2), Some(Chunk::Np(_))),
        _ => false,
    };
    let opening = |j: usize| clause[j + 1..].iter().find(|c| !matches!(c, Chunk::Word(_))).is_some_and(|c| matches!(c, Chunk::Punct(',')));
    let subjectless = clause.iter().enumerate().all(|(j, c)| match c {
        Chunk::Np(_) => j > 0 && matches!(clause[j - 1], Chunk::Prep(..)) || opening(j),
        Chunk::Area(_) | Chunk::Verb(_) | Chunk::State(_) | Chunk::Predicate(_) => false,
        _ => true,
    });
    let counted = matches!(object, Some(Chunk::Np(n)) if n.number.is_some() && n.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun));
    // The verb opens the sentence or follows the opening phrase's comma (not "từ đầu năm
    // toàn tỉnh ghi nhận …", whose area is the subject).
    let opens = matches!(clause.last(), None | Some(Chunk::Punct(',')));
    subjectless
        && opens
        && counted
        && one_object
        && !clause.iter().any(|c| matches!(c, Chunk::Punct(';' | ':')))
        && v.entry.feats.transitive
        && v.negated.is_none()
        && v.markers.iter().all(|m| *m == Marker::Past)
        && !is_change(v)
        && is_existential(v).is_none()
}

/// Prepositions of cause: "do", "vì", "chủ yếu do" ("mainly due to").
fn is_cause(key: &str) -> bool {
    matches!(key, "do" | "vì" | "bởi" | "chủ yếu do" | "một phần do" | "phần lớn do")
}

/// "khi", "sau khi", "trước khi": conjunctions of time, which may go straight on to a verb.
fn when_conj(key: &str) -> bool {
    matches!(key, "khi" | "sau khi" | "trước khi")
}

/// What there was, with its quantifier: "no case", "a ceremony" (one countable thing
/// takes "a"), "412 cases". `en` is the phrase as rendered with no article; `plural`
/// whether it reads as plural, as the caller has found for its verb.
fn what_there_is(np: &NounPhrase, en: &str, negative: bool, plural: bool) -> String {
    let one = !(negative || plural)
        && np.det.is_none()
        && np.number.is_none()
        && np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun && !h.mass && !h.never_plural && !h.the);
    if negative {
        format!("no {en}")
    } else if one {
        format!("{} {en}", english::indefinite(en))
    } else {
        en.to_string()
    }
}

fn is_person(c: Option<&Chunk>) -> bool {
    matches!(c, Some(Chunk::Np(n)) if n.head.as_ref().is_some_and(|h| h.kind == HeadKind::Person))
}

/// Whether the comma or dash at `k` follows a name and opens its titles.
fn apposition_opens(chunks: &[Chunk], k: usize) -> bool {
    k > 0 && is_person(chunks.get(k - 1)) && is_title(chunks.get(k + 1))
}

/// Whether the title at `k` belongs to a name before it: back over titles, commas,
/// dashes and "của" to a person ("Nguyễn Văn A, Ủy viên …, Bí thư …").
fn titles_a_name(chunks: &[Chunk], k: usize) -> bool {
    chunks[..k].iter().rev().find_map(|c| match c {
        Chunk::Np(_) if is_person(Some(c)) => Some(true),
        // A name the finder did not know ("ông Khăm Xinh Xi Pha Văn", "đồng chí
        // Phết-xa-mon"): an honorific, with the name in it or after it.
        Chunk::Np(n) if is_title(Some(c)) => n.head.as_ref().is_some_and(|h| matches!(h.vi.as_str(), "đồng chí" | "ông" | "bà")).then_some(true),
        Chunk::Np(n) if n.head.as_ref().is_some_and(|h| h.kind == HeadKind::Place) => None,
        Chunk::Punct(',' | '-' | '–' | ';') | Chunk::Conj(..) => None,
        Chunk::Prep(_, key) if key == "của" => None,
        _ => Some(false),
    }) == Some(true)
}

/// An order ("phải", "cần") whose clause so far (`before` the verb) holds nothing that
/// may be its subject: a noun phrase only after a preposition ("Đối với ngành giáo dục,
/// cần …").
fn subjectless_order(before: &[Chunk], v: &VerbGroup) -> bool {
    let clause = &before[before.iter().rposition(|c| matches!(c, Chunk::Punct(';' | ':'))).map_or(0, |p| p + 1)..];
    let subjectless = clause.iter().enumerate().all(|(j, c)| !matches!(c, Chunk::Np(_)) || j > 0 && matches!(clause[j - 1], Chunk::Prep(..)));
    subjectless
        && v.negated.is_none()
        && !v.markers.contains(&Marker::Passive)
        && v.markers.iter().any(|m| matches!(m, Marker::Modal(x) if matches!(x.as_str(), "must" | "should" | "need to")))
}

/// "Attending … were", "Receiving the delegation were" with "was".
fn attending_was(lead: &str) -> Option<String> {
    lead.strip_suffix(" were").filter(|_| is_list_frame(lead)).map(|l| format!("{l} was"))
}

/// One person and their titles, nothing else: no list, no other noun.
fn one_person(chunks: &[Chunk]) -> bool {
    let people = chunks.iter().filter(|c| is_person(Some(c))).count();
    people == 1
        && chunks.iter().all(|c| match c {
            Chunk::Word(w) => is_list_frame(w),
            Chunk::Np(n) => n.head.as_ref().is_some_and(|h| matches!(h.kind, HeadKind::Person | HeadKind::Title | HeadKind::Body)) && n.number.is_none() && !n.plural,
            Chunk::Punct(p) => matches!(p, ',' | '-' | '–' | '.'),
            _ => false,
        })
}

fn is_title(c: Option<&Chunk>) -> bool {
    matches!(c, Some(Chunk::Np(n)) if n.head.as_ref().is_some_and(|h| h.kind == HeadKind::Title))
}

/// Whether the chunks before `k` (a verb) are a name and its titles after a comma or a
/// dash: nothing but titles' noun phrases, commas and conjunctions back to the name.
fn apposition_ends(chunks: &[Chunk], k: usize) -> bool {
    let mut j = k;
    while j > 0 {
        j -= 1;
        match &chunks[j] {
            Chunk::Punct(',' | '-' | '–') if apposition_opens(chunks, j) => return true,
            // "Vũ Đình Khang Phó Bí thư …": the title straight after the name.
            Chunk::Np(_) if is_person(chunks.get(j)) => return is_title(chunks.get(j + 1)),
            Chunk::Np(n) if n.head.is_some() => {}
            Chunk::Punct(',') | Chunk::Conj(..) => {}
            // "Phó Trưởng ban … của tỉnh": the title's own "of".
            Chunk::Prep(_, key) if key == "của" => {}
            _ => return false,
        }
    }
    false
}

/// From `k`: noun phrases (with their "of"/"in" phrases) and then what can only be a
/// predicate: a state or a verb with its markers ("đã", "phải", "sẽ"). A bare verb may
/// be the object's own ("bảo đảm đủ thuốc và dịch truyền").
fn clause_follows(chunks: &[Chunk], k: usize) -> bool {
    matches!(chunks.get(k), Some(Chunk::Np(_)))
        && chunks[k..].iter().find(|c| !matches!(c, Chunk::Np(_) | Chunk::Prep(..) | Chunk::Punct(',') | Chunk::Conj(..))).is_some_and(|c| match c {
            Chunk::State(_) => true,
            Chunk::Verb(v) => marked_predicate(v),
            _ => false,
        })
}

/// "make a preliminary review of": a verb phrase whose object follows its preposition.
fn ends_in_preposition(en: &str) -> bool {
    [" of", " on", " for", " with"].iter().any(|x| en.ends_with(x))
}

/// "hold a conference to review": an event and what it is for.
fn ends_in_purpose(en: &str) -> bool {
    ["conference to ", "meeting to ", "ceremony to ", "session to ", "workshop to ", "seminar to "].iter().any(|p| en.contains(p))
}

/// A chunk that is a counted stretch of time.
fn counted_period(c: &Chunk) -> bool {
    matches!(c, Chunk::Np(np) if np.is_counted_period())
}

/// A term of office ("nhiệm kỳ 2025-2030").
const TERM: &str = "nhiệm kỳ";

/// "nhiệm kỳ 2025-2030": the years of a term of office.
fn term_of_office(np: &NounPhrase) -> Option<&str> {
    np.head.as_ref().filter(|h| h.vi == TERM)?;
    match np.mods.as_slice() {
        [m] if m.kind == ModKind::Digits && m.en.contains(['-', '–']) => Some(&m.en),
        _ => None,
    }
}

/// A lexicon key that carries its own "các"/"những".
fn plural_phrase(key: &str) -> bool {
    key.starts_with("các ") || key.starts_with("những ")
}

/// Opened by "các"/"những" (or a phrase that carries one): after a noun phrase, its
/// complement.
fn is_complement(np: &NounPhrase) -> bool {
    np.all_of && np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun)
}

/// A number before the lexicon's period of the year ("6" + "the first months of the
/// year"): the period counted.
fn period(np: &NounPhrase, next: Option<&Chunk>) -> Option<String> {
    let (Some(n), Some(Chunk::Word(w))) = (&np.number, next) else { return None };
    let months = if n == "1" || n == "one" { "month" } else { "months" };
    Some(match w.as_str() {
        "the first months of the year" => format!("the first {n} {months} of the year"),
        "the last months of the year" => format!("the last {n} {months} of the year"),
        "the first months" => format!("the first {n} {months}"),
        "the last months" => format!("the last {n} {months}"),
        "over the past month" => format!("the past {n} {months}"),
        _ => return None,
    })
}

/// "làm", "khiến": a verb that causes a state.
fn is_causative(v: &VerbGroup) -> bool {
    matches!(crate::phrases::normalise_key(&v.entry.vi).as_str(), "làm" | "khiến" | "làm cho" | "gây")
}

/// The state a verb leaves people in ("chết" → "dead", "bị thương" → "injured").
fn people_state(v: &VerbGroup) -> Option<&'static str> {
    Some(match v.entry.en.as_str() {
        "die" | "be killed" => "dead",
        "go missing" | "be missing" => "missing",
        "be injured" | "injure" => "injured",
        _ => return None,
    })
}

/// After a causative at `k`: the noun phrase, the state it was left in ("bị ngập"),
/// and how many chunks they take.
fn causative_state(chunks: &[Chunk], k: usize) -> Option<(NounPhrase, String, usize)> {
    // "làm 3 người chết, bị thương 64 người": a state of people may come before them.
    if let (Some(Chunk::Verb(p)), Some(Chunk::Np(np))) = (chunks.get(k), chunks.get(k + 1)) {
        let counted = np.number.is_some() && np.head.is_some();
        return people_state(p).filter(|_| counted).map(|state| (np.clone(), state.to_string(), 2));
    }
    let Some(Chunk::Np(np)) = chunks.get(k) else { return None };
    match chunks.get(k + 1) {
        Some(Chunk::Predicate(state)) => Some((np.clone(), state.clone(), 2)),
        // "làm 9 người chết", "làm 3 người bị thương": the state of people.
        Some(Chunk::Verb(p)) if people_state(p).is_some() => people_state(p).map(|state| (np.clone(), state.to_string(), 2)),
        Some(Chunk::Verb(p)) if p.markers.contains(&Marker::Passive) => {
            Some((np.clone(), english::participle(&p.entry.en, p.entry.feats.participle.as_deref()), 2))
        }
        // The state in the noun itself ("người bị thương" → "injured person").
        _ if np.head.as_ref().is_some_and(|h| state_person(&h.en).is_some()) => {
            let mut what = np.clone();
            let head = what.head.as_mut()?;
            let state = state_person(&head.en)?.to_string();
            head.en = "person".into();
            head.irregular_plural = Some("people".into());
            Some((what, state, 1))
        }
        // A lexicon noun with its state ("lúa bị ngập" → "flooded rice"), as the head or
        // after a measure, gives the state back: "làm 12 ha lúa bị ngập" → "left 12 ha of
        // rice flooded".
        _ if noun_in_state(np).is_some() => noun_in_state(np).map(|(what, state)| (what, state, 1)),
        // The state read as the noun's adjective ("3 người chết" → "3 dead people"): it
        // comes off the noun phrase.
        // So is a participle at the clause's end ("làm 5 ngôi nhà hư hỏng" → "left 5
        // houses damaged").
        next => {
            let clause_ends = next.is_none_or(|c| matches!(c, Chunk::Punct(_) | Chunk::Conj(..)));
            let last = np.mods.last().filter(|m| {
                m.kind == ModKind::Word && (PEOPLE_STATES.contains(&m.en.as_str()) || clause_ends && m.en.ends_with("ed") && !m.en.contains(' '))
            })?;
            let state = last.en.clone();
            let mut what = np.clone();
            what.mods.pop();
            what.head.is_some().then_some((what, state, 1))
        }
    }
}

/// The states a disaster or accident leaves people in.
const PEOPLE_STATES: &[&str] = &["dead", "injured", "missing"];

/// "injured person" → "injured": a noun for people in a state a causative leaves them in.
fn state_person(en: &str) -> Option<&str> {
    en.strip_suffix(" person").filter(|s| PEOPLE_STATES.contains(s))
}

/// "12 ha lúa bị ngập" read as "12 ha of flooded rice": the noun phrase without its
/// state ("12 ha of rice") and the state ("flooded"). The noun with the state is the
/// head or, after a measure, the last modifier.
fn noun_in_state(np: &NounPhrase) -> Option<(NounPhrase, String)> {
    let mut what = np.clone();
    let en = match (what.head.as_mut(), what.mods.last_mut()) {
        (Some(head), _) if split_state(&head.en).is_some() => &mut head.en,
        (_, Some(m)) if m.kind == ModKind::Word && split_state(&m.en).is_some() => &mut m.en,
        _ => return None,
    };
    let (state, noun) = split_state(en)?;
    let (state, noun) = (state.to_string(), noun.to_string());
    *en = noun;
    Some((what, state))
}

/// "flooded rice" → ("flooded", "rice").
fn split_state(en: &str) -> Option<(&str, &str)> {
    let (state, noun) = en.split_once(' ')?;
    (DAMAGE_STATES.contains(&state) && !noun.is_empty()).then_some((state, noun))
}

/// Heads counted one by one, so that a share of them is of many ("100% of households").
const SHARED_BY_MANY: &[&str] = &[
    "household", "family", "school", "vessel", "unit", "agency", "enterprise", "business", "pupil", "student", "facility",
    "establishment", "member", "official", "worker", "patient", "case", "locality", "ward", "town",
];

/// Administrative areas, with their level, smallest first: one is "in", not "at", a
/// place ("tại huyện X"), and a place names the larger one it lies in after a comma.
const AREAS: &[(&str, u8)] = &[
    ("village", 0),
    ("hamlet", 0),
    ("residential group", 0),
    ("commune", 1),
    ("ward", 1),
    ("township", 1),
    ("district", 2),
    ("town", 2),
    ("province", 3),
    ("city", 3),
    ("country", 4),
];

/// The states a disaster leaves land, crops and buildings in.
const DAMAGE_STATES: &[&str] = &["flooded", "waterlogged", "damaged", "destroyed", "collapsed", "submerged", "buried", "isolated", "unroofed"];

/// Every noun phrase and state after a causative at `k`, listed with commas or "và"
/// ("làm 3 người chết, 2 người mất tích và 46 ngôi nhà bị hư hỏng"), and how many
/// chunks they take.
fn causative_states(chunks: &[Chunk], k: usize) -> (Vec<(NounPhrase, String)>, usize) {
    let mut states = Vec::new();
    let mut at = k;
    let mut next = causative_state(chunks, at);
    while let Some((what, state, used)) = next.take() {
        at += used;
        states.push((what, state));
        let separator = match chunks.get(at) {
            Some(Chunk::Punct(',')) => true,
            Some(Chunk::Conj(_, key)) => key == "và",
            _ => false,
        };
        if separator {
            // The separator is taken only when another noun phrase and state follow it.
            next = causative_state(chunks, at + 1);
            at += usize::from(next.is_some());
        }
    }
    (states, at - k)
}

/// "có" (`Some(false)`) or "không có" (`Some(true)`): there is, there is no.
fn is_existential(v: &VerbGroup) -> Option<bool> {
    existential_key(&v.entry.vi)
}

fn existential_key(vi: &str) -> Option<bool> {
    match crate::phrases::normalise_key(vi).as_str() {
        "có" | "đã có" | "xảy ra" | "diễn ra" | "còn" => Some(false),
        // With no one to do the preventing, "không để xảy ra" reports that none happened.
        "không có" | "không để xảy ra" => Some(true),
        _ => None,
    }
}

/// After "do" at `k`: the index of the verb its agent ends at ("do đồng chí X, Chủ tịch
/// UBND tỉnh chủ trì"), when only the agent's names, titles, commas and dashes come between.
fn agent_end(chunks: &[Chunk], k: usize) -> Option<usize> {
    // The agent's noun phrases, with what brackets say of them ("do L.A.C (SN 1985, trú
    // huyện Mường Nhé) cầm đầu").
    let mut j = k;
    let mut depth = 0;
    loop {
        match chunks.get(j)? {
            Chunk::Punct('(') => depth += 1,
            Chunk::Punct(')') if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            Chunk::Np(_) | Chunk::Punct(',' | '-' | '–') | Chunk::Conj(..) => {}
            _ => break,
        }
        j += 1;
    }
    // Only a verb that takes an object has an agent: "do cây đổ" is "because trees fell".
    // A lexicon phrase holds its object ("làm trưởng đoàn": "head the delegation").
    let takes_agent = |v: &VerbGroup| v.entry.feats.transitive || v.entry.en.contains(' ');
    (j > k && matches!(&chunks[j], Chunk::Verb(v) if takes_agent(v)) && matches!(chunks[k], Chunk::Np(_))).then_some(j)
}

fn finite(mood: Mood, subject_seen: bool, v: &VerbGroup) -> Form {
    if !v.markers.is_empty() {
        // The markers decide; passive in a report is past, in a name present.
        return if mood == Mood::Name { Form::Present } else { Form::Past };
    }
    match mood {
        Mood::Report => Form::Past,
        // The reporting verbs of a directive ("yêu cầu", "nhấn mạnh") are past; the
        // instruction itself is "need to" after a subject, else an imperative.
        // What a body takes the lead in or goes on with is its plan: "The Department of
        // Health will take the lead", "The Youth Union will continue".
        Mood::Directive { .. } if subject_seen && plan_verb(&v.entry.vi) => Form::Will,
        // Working with someone to do something is the instruction, not its report.
        Mood::Directive { .. } if v.entry.feats.comp.is_some() && !coordinates(&v.entry.vi) => Form::Past,
        Mood::Directive { plan: true } if subject_seen => Form::Will,
        Mood::Directive { .. } if subject_seen => Form::Need,
        Mood::Directive { .. } => Form::Base,
        Mood::Name if subject_seen => Form::Present,
        Mood::Name => Form::Ing,
    }
}

/// Spacing: no space before closing punctuation or after opening quotes and brackets;
/// a dot inside the sentence (after "TP.") goes. The first letter stays as it is: a
/// sentence's is made a capital by the caller, a quoted name's keeps its case.
fn tidy(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let tokens: Vec<&str> = raw.split(' ').filter(|t| !t.is_empty()).collect();
    let mut open_quote = false;
    for (i, t) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        let attach_left = matches!(*t, "," | ";" | ":" | "." | "!" | "?" | ")" | "]" | "…" | "”" | "’" | "/");
        let mut t = t.to_string();
        if t == "." && !last {
            continue;
        }
        if t == "\"" {
            open_quote = !open_quote;
            if !open_quote {
                s.push('"');
                continue;
            }
        }
        if t == "“" || t == "”" {
            t = "\"".into();
        }
        // "complete the the review": an article a rule added beside the phrase's own.
        if matches!(t.as_str(), "the" | "a" | "an") && i > 0 && tokens[i - 1].eq_ignore_ascii_case(&t) {
            continue;
        }
        if !s.is_empty() && !attach_left && !s.ends_with(['(', '[', '“', '/']) && !s.ends_with(" \"") && (s != "\"") {
            s.push(' ');
        }
        s.push_str(&t);
    }
    // Doubled punctuation from dropped words (", ,", ", .").
    let mut s = s.replace(" ,", ",").replace(",,", ",").replace(", .", ".").replace(",.", ".").replace("\"\"", "\"");
    while s.starts_with([',', ';', ':', ' ']) {
        s.remove(0);
    }
    s
}

/// The verbs that open an attendance list ("Dự hội nghị có ...").
/// Nouns for the people who lead or stand for a body; their words are also verbs
/// ("lãnh đạo": lead, leader).
const ROLE_NOUNS: &[&str] = &["leader", "representative", "commander"];

const ATTEND: &[&str] = &["dự", "tham dự", "cùng dự", "cùng tham dự", "tới dự", "đến dự"];

/// Where an attendance list's items begin, if the sentence is one: after the lexicon's
/// one-token frame ("tham dự có" → "attending were"), else after "dự" and its event
/// ("Dự hội nghị có ...").
fn attendance_list(tokens: &[Token]) -> Option<usize> {
    let key = |i: usize| tokens.get(i).map_or("", |t| t.key.as_str());
    let frame = |t: &Token| t.entry(Pos::Phrase).is_some_and(|e| is_list_frame(&e.en));
    if frame(tokens.first()?) {
        Some(1)
    } else if matches!(key(0), "cùng" | "đến" | "tới") && tokens.get(1).is_some_and(frame) {
        // "Đến dự hội nghị có …": a word before the lexicon's frame (as `frame()` reads it).
        Some(2)
    } else if ATTEND.contains(&key(0)) || matches!(key(0), "cùng" | "đến") && ATTEND.contains(&key(1)) {
        Some(2)
    } else {
        // "…; cùng đi có lãnh đạo …": a second clause that is a list.
        (1..tokens.len()).find(|&i| matches!(tokens[i - 1].kind, Kind::Punct(';')) && frame(&tokens[i])).map(|i| i + 1)
    }
}

/// The English of a lexicon frame that a list follows ("attending were", "accompanying
/// the delegation were"); "delegates, who were" is none.
fn is_list_frame(en: &str) -> bool {
    (en.ends_with(" were") || en.ends_with(" was")) && !en.contains(',')
}

/// Where the lexicon's list frame ("attending were") sits among the chunks, if it does.
fn list_frame_at(chunks: &[Chunk]) -> Option<usize> {
    chunks.iter().position(|c| matches!(c, Chunk::Word(w) if is_list_frame(w)))
}

/// In an attendance list a bare role noun stands for a group: "lãnh đạo Sở Y tế, đại diện
/// Ban Chỉ huy Quân sự" → "leaders of the Department of Health, representatives of the
/// Military Command". Only an item's head noun, not one after a preposition, and not
/// a named person's titles ("đồng chí X, Ủy viên ..., Trưởng Ban ...").
fn attendance_plurals(chunks: &mut [Chunk]) {
    let mut item_start = true;
    let mut after_person = false;
    // The list begins after its frame when that is inside the sentence.
    let from = list_frame_at(chunks).map_or(0, |p| p + 1);
    for k in from..chunks.len() {
        // "bí thư các tổ chức cơ sở đảng": a title over many bodies is held by many.
        let many_follow = matches!(chunks.get(k + 1), Some(Chunk::Np(n)) if is_complement(n) || n.number.is_some());
        let after_np = k > 0 && matches!(chunks[k - 1], Chunk::Np(_));
        match &mut chunks[k] {
            Chunk::Np(np) if after_np && np.number.is_some() && np.det.is_none() => np.of_owner = true,
            // The lexicon's frame, when it is one phrase ("attending were").
            Chunk::Word(_) if k == 0 => {}
            Chunk::Np(np) => {
                let kind = np.head.as_ref().map(|h| h.kind.clone());
                let group = kind == Some(HeadKind::Noun) || kind == Some(HeadKind::Title) && many_follow;
                if item_start && !after_person && group && np.det.is_none() && np.number.is_none() && !np.indefinite {
                    np.plural = true;
                }
                after_person |= np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Person);
                item_start = false;
            }
            Chunk::Punct(',') => item_start = true,
            Chunk::Punct(';' | ':') => (item_start, after_person) = (true, false),
            Chunk::Conj(_, vi) => (item_start, after_person) = (matches!(vi.as_str(), "và" | "cùng" | "cùng với"), false),
            _ => item_start = false,
        }
    }
}

/// A list after a lexicon frame ending "was" ("chủ trì hội nghị có" → "chairing the
/// conference was") that names several people takes "were"; "các đồng chí:" opening
/// it becomes "Comrades", its colon dropped.
fn list_agreement(chunks: &mut Vec<Chunk>) {
    let Some(at) = list_frame_at(chunks) else { return };
    let comrades = matches!(
        (chunks.get(at + 1), chunks.get(at + 2)),
        (Some(Chunk::Np(np)), Some(Chunk::Punct(':'))) if np.all_of && np.mods.is_empty() && np.head.as_ref().is_some_and(|h| h.vi == "đồng chí")
    );
    if comrades {
        chunks.splice(at + 1..at + 3, [Chunk::Word("Comrades".into())]);
    }
    let people = chunks[at + 1..].iter().filter(|c| matches!(c, Chunk::Np(np) if np.head.as_ref().is_some_and(|h| h.kind == HeadKind::Person))).count();
    if let Chunk::Word(frame) = &mut chunks[at] {
        if (comrades || people > 1) && frame.ends_with(" was") {
            frame.truncate(frame.len() - " was".len());
            frame.push_str(" were");
        }
    }
}

/// "Tai nạn giao thông giảm 12 vụ", "… giảm cả 3 tiêu chí": a bare noun whose count
/// changes by so many is every case of it ("Traffic accidents fell by 12 cases").
/// A date between them is the time of the count ("Tai nạn giao thông quý I giảm …").
fn counted_changes(chunks: &mut [Chunk]) {
    for k in 1..chunks.len().saturating_sub(1) {
        let (Chunk::Verb(v), Chunk::Np(amount)) = (&chunks[k], &chunks[k + 1]) else { continue };
        // Counted in cases: "12 vụ", "3 tiêu chí" (not "9 bậc", how far an index moved).
        let cases = amount.head.as_ref().is_some_and(|h| matches!(h.en.as_str(), "case" | "criterion" | "incident"));
        if !is_change(v) || !v.markers.iter().all(|m| *m == Marker::Past) || !cases || amount.number.is_none() {
            continue;
        }
        let s = if k >= 2 && matches!(chunks[k - 1], Chunk::Date { .. }) { k - 2 } else { k - 1 };
        // The clause's own subject, not what it belongs to ("số người chết vì tai nạn").
        let opens = s == 0 || matches!(chunks[s - 1], Chunk::Punct(_) | Chunk::Word(_));
        if let Some(Chunk::Np(subject)) = chunks.get_mut(s).filter(|_| opens) {
            let bare = subject.det.is_none() && subject.number.is_none() && subject.mods.iter().all(|m| m.kind == ModKind::Word);
            let countable = subject.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun && !h.mass && !h.never_plural && !h.the && !h.of);
            if bare && countable {
                subject.plural = true;
            }
        }
    }
}

/// "lãnh đạo hai tỉnh", "đại diện 10 huyện": the people who lead or stand for a count of
/// places are many, and the count follows them with "of" ("leaders of two provinces").
fn roles_of_counts(chunks: &mut [Chunk]) {
    for k in 1..chunks.len() {
        let (before, after) = chunks.split_at_mut(k);
        if let (Chunk::Np(role), Chunk::Np(count)) = (&mut before[k - 1], &mut after[0]) {
            let bare_role = role.det.is_none() && role.number.is_none() && role.mods.is_empty() && role.head.as_ref().is_some_and(|h| h.kind == HeadKind::Noun && ROLE_NOUNS.contains(&h.en.as_str()));
            if bare_role && count.number.is_some() && count.det.is_none() && count.head.is_some() {
                role.plural = true;
                count.of_owner = true;
            }
        }
    }
}

/// Rewrites the genre's frames before transfer: "Dự hội nghị có X" → "Attending the
/// conference were X", "Tham dự có X" → "Attending were X".
fn frame(items: &[Item]) -> Option<(String, usize)> {
    let k = |i: usize| items.get(i).map_or("", Item::key);
    let attend = |s: &str| ATTEND.contains(&s);
    // "Đến dự hội nghị có", "Cùng dự lễ có": a word before the lexicon's own frame.
    let lexicon_frame = items.get(1).and_then(|it| it.tok.entry(Pos::Phrase)).filter(|e| is_list_frame(&e.en));
    if let Some(e) = lexicon_frame.filter(|_| matches!(k(0), "cùng" | "đến" | "tới")) {
        let also = if k(0) == "cùng" { "also " } else { "" };
        return Some((format!("{also}{}", e.en), 2));
    }
    // [Cùng] dự [event] [còn] có X
    let mut i = if attend(k(0)) {
        1
    } else if matches!(k(0), "cùng" | "đến") && attend(k(1)) {
        2
    } else {
        return None;
    };
    let mut event = None;
    if !matches!(k(i), "có" | "còn có") {
        let e = items.get(i).filter(|it| it.nominal() || it.tok.entry(Pos::Noun).is_some())?;
        event = e.tok.entry(Pos::Noun).or(e.entry).map(|e| e.en.clone());
        i += 1;
    }
    let also = k(i) == "còn" || k(i) == "còn có" || k(0).starts_with("cùng");
    if k(i) == "còn" {
        i += 1;
    }
    if !matches!(k(i), "có" | "còn có") {
        return None;
    }
    let lead = match (also, event) {
        (true, Some(e)) => format!("Also attending the {e} were"),
        (false, Some(e)) => format!("Attending the {e} were"),
        (true, None) => "Also attending were".to_string(),
        (false, None) => "Attending were".to_string(),
    };
    Some((lead, i + 1))
}

/// Translates one analysed sentence.
pub fn translate(all: &[Token], label: Option<Label>, name: bool) -> Output {
    let mood = match label {
        _ if name => Mood::Name,
        Some(Label::Directive) => Mood::Directive { plan: all.first().is_some_and(|t| COMING.contains(&t.key.as_str())) },
        _ => Mood::Report,
    };
    // "Về dự Đại hội có …": "về" (coming to) adds nothing to "attending".
    let comes_to = all.len() > 1 && all[0].key == "về" && attendance_list(&all[1..]).is_some();
    let tokens = &all[usize::from(comes_to)..];
    let items = choose_readings(tokens, mood);
    let (lead, rest) = match frame(&items) {
        Some((lead, n)) => (Some(lead), &items[n..]),
        None => (None, &items[..]),
    };
    let mut chunks = chunk(rest);
    if attendance_list(tokens).is_some() {
        attendance_plurals(&mut chunks);
        list_agreement(&mut chunks);
    }
    roles_of_counts(&mut chunks);
    counted_changes(&mut chunks);
    // "đồng chí X" opening a sentence: "Comrade X".
    honorifics(&mut chunks);
    active_with_count(&mut chunks);
    if tokens.first().is_some_and(|t| t.key == "riêng") {
        alone(&mut chunks);
    }
    // "Tham dự có đồng chí X, Phó Chủ tịch …": one person attending "was", whether the
    // frame or the lexicon's phrase ("tham dự có": "attending were") opens the sentence.
    let lead = if one_person(&chunks) {
        for c in chunks.iter_mut() {
            if let Chunk::Word(w) = c {
                if let Some(was) = attending_was(w) {
                    *w = was;
                }
            }
        }
        lead.map(|l| attending_was(&l).unwrap_or(l))
    } else {
        lead
    };
    let body = request(&chunks, mood).unwrap_or_else(|| generate(&chunks, mood));
    let raw = match lead {
        Some(l) => format!("{l} {body}"),
        None => body,
    };
    let mut known = 0;
    let mut total = 0;
    let mut unknown = Vec::new();
    for t in all {
        match &t.kind {
            Kind::Punct(_) => {}
            Kind::Unknown => {
                total += 1;
                unknown.push(t.src.clone());
            }
            _ => {
                total += 1;
                known += 1;
            }
        }
    }
    Output { text: tidy(&raw), known, total, unknown }
}

/// A sentence that opens with the request itself, with no one asking: "Đề nghị các cơ
/// quan báo chí tăng cường ..." → "Press agencies are asked to step up ...". The asked
/// are a noun phrase of their own, or inside a lexicon phrase ("yêu cầu các đơn vị" →
/// "require the units").
fn request(chunks: &[Chunk], mood: Mood) -> Option<String> {
    let Some(Chunk::Verb(v)) = chunks.first() else { return None };
    let key = crate::phrases::normalise_key(&v.entry.vi);
    let asking = key.starts_with("đề nghị") || key.starts_with("yêu cầu");
    if !asking || !v.markers.is_empty() || v.negated.is_some() || v.entry.feats.comp != Some(Comp::To) {
        return None;
    }
    let (verb, who, plural, from) = match chunks.get(1) {
        Some(Chunk::Np(np)) => {
            let j = 1 + chunks[1..].iter().position(|c| !matches!(c, Chunk::Np(_) | Chunk::Punct(',') | Chunk::Conj(..)))?;
            let who = generate(&chunks[1..j], mood);
            let many = chunks[1..j].iter().filter(|c| matches!(c, Chunk::Np(_))).count() > 1;
            (v.entry.en.as_str(), who.clone(), many || np.plural || reads_plural(&who), j)
        }
        Some(Chunk::Verb(_)) => {
            let (verb, who) = v.entry.en.split_once(' ')?;
            (verb, who.to_string(), reads_plural(who) || who.contains(" and "), 1)
        }
        _ => return None,
    };
    // The instruction's verb, maybe after its adverb ("sớm bố trí").
    let verb_at = |j: usize| matches!(chunks.get(j), Some(Chunk::Verb(_)));
    if !(verb_at(from) || matches!(chunks.get(from), Some(Chunk::Word(_))) && verb_at(from + 1)) {
        return None;
    }
    let what = generate_clause(&chunks[from..], Mood::Directive { plan: false }, false);
    let be = match (mood, plural) {
        (Mood::Directive { .. } | Mood::Name, true) => "are",
        (Mood::Directive { .. } | Mood::Name, false) => "is",
        (Mood::Report, true) => "were",
        (Mood::Report, false) => "was",
    };
    let asked = english::participle(verb, v.entry.feats.participle.as_deref());
    Some(format!("{who} {be} {asked} to {what}"))
}

/// "Riêng" opening a sentence singles out what follows: "Riêng huyện X có …" → "X district
/// alone had …", "Riêng vi phạm nồng độ cồn, …" → "For the … violation alone, …",
/// "Riêng trong tháng 10, …" → "In October alone, …".
fn alone(chunks: &mut Vec<Chunk>) {
    if !matches!(chunks.first(), Some(Chunk::Word(w)) if w == "separately") {
        return;
    }
    let comma = chunks.iter().position(|c| matches!(c, Chunk::Punct(',')));
    let verb = chunks.iter().position(|c| matches!(c, Chunk::Verb(_)));
    match (comma, verb) {
        (Some(c), v) if v.is_none_or(|v| c < v) && c > 1 => {
            chunks.insert(c, Chunk::Word("alone".into()));
            if matches!(chunks[1], Chunk::Np(_)) {
                chunks[0] = Chunk::Word("for".into());
            } else {
                chunks.remove(0);
            }
        }
        (_, Some(v)) if v > 1 && chunks[1..v].iter().all(|c| matches!(c, Chunk::Np(_))) => {
            chunks.insert(v, Chunk::Word("alone".into()));
            chunks.remove(0);
        }
        _ => {}
    }
}

/// Honorifics the lexicon reads as nouns become titles before a name: "đồng chí" →
/// "Comrade", "ông" → "Mr", "bà" → "Ms".
/// "làm chết 87 người, bị thương 64 người": a passive verb with a count for its object
/// takes its active reading (`active=` in the lexicon): "killed 87 people and injured 64
/// people", not "was injured 64 people".
fn active_with_count(chunks: &mut [Chunk]) {
    for k in 0..chunks.len().saturating_sub(1) {
        let counted = matches!(&chunks[k + 1], Chunk::Np(n) if n.number.is_some());
        let Chunk::Verb(v) = &mut chunks[k] else { continue };
        let entry = v.entry;
        if let (true, Some(active)) = (counted, entry.feats.active.as_deref()) {
            v.entry = active;
            v.markers.retain(|m| *m != Marker::Passive);
            v.undergone = false;
        }
    }
}

fn honorifics(chunks: &mut [Chunk]) {
    // "Đồng chí nhấn mạnh": the comrade just named.
    for k in 0..chunks.len().saturating_sub(1) {
        if !matches!(chunks[k + 1], Chunk::Verb(_)) {
            continue;
        }
        if let Chunk::Np(np) = &mut chunks[k] {
            if let Some(h) = np.head.as_mut().filter(|_| np.mods.is_empty() && !np.plural && np.det.is_none()) {
                let pronoun = match h.en.to_ascii_lowercase().as_str() {
                    "comrade" | "mr" | "he" => Some("he"),
                    "ms" | "mrs" | "she" => Some("she"),
                    _ => None,
                };
                if let Some(p) = pronoun {
                    h.en = p.into();
                    h.kind = HeadKind::Pronoun;
                    h.never_plural = true;
                    h.the = false;
                }
            }
        }
    }
    for k in 0..chunks.len().saturating_sub(1) {
        if !is_person(chunks.get(k + 1)) {
            continue;
        }
        if let Chunk::Np(np) = &mut chunks[k] {
            if let Some(h) = np.head.as_mut() {
                // "em Lê Thị Hoa", "cháu Lò Văn Tú": English writes the child's name alone.
                let title = match h.en.to_ascii_lowercase().as_str() {
                    _ if matches!(h.vi.as_str(), "em" | "cháu") => Some(""),
                    "comrade" => Some("Comrade"),
                    "mr" | "mr." | "he" | "sir" => Some("Mr"),
                    "ms" | "mrs" | "mrs." | "she" | "madam" => Some("Ms"),
                    _ => None,
                };
                if let Some(t) = title {
                    h.en = t.into();
                    h.kind = HeadKind::Title;
                    h.never_plural = true;
                    np.plural = false;
                }
            }
        }
    }
}
