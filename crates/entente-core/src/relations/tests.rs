//! Relation tests: which sentences are relation sentences, and the stance of each pair, one row
//! per cue family, negation, list or scope rule.

use super::*;
use crate::gazetteer::tests::doc;
use crate::model::Stance;
use crate::{gazetteer, topics};

/// The relations of a one-paragraph text, rendered as `AB-CD:stance` per pair, sentences joined
/// by ` | `.
fn render(text: &str) -> String {
    let d = doc(text);
    let scan = gazetteer::scan(&d);
    let t = topics::classify(&d);
    extract(&d, &scan.mentions, &t)
        .iter()
        .map(|r| {
            r.pairs
                .iter()
                .map(|p| {
                    let s = match p.stance {
                        Stance::Cooperative => "coop",
                        Stance::Conflictual => "conf",
                        Stance::Neutral => "neut",
                    };
                    format!("{}-{}:{s}", p.a, p.b)
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn check(text: &str, want: &str) {
    assert_eq!(render(text), want, "\n  text: {text}");
}

#[test]
fn relation_sentences_need_two_countries_as_states() {
    check("Azerbaijan signed a deal.", "");
    check("Azerbaijan and Azerbaijani firms signed a deal.", "");
    check("The Baku–Tbilisi–Ceyhan pipeline carries oil.", "");
    check("The agreement was signed in Washington by Azerbaijan.", "");
    check("The Soviet Union and Azerbaijan.", "");
    check("BAKU, Azerbaijan, June 3. Pakistan signed a deal.", "");
    check("Azerbaijan and Pakistan signed a deal.", "AZ-PK:coop");
}

#[test]
fn pairs_are_ordered_and_complete() {
    check(
        "Azerbaijan, Pakistan and Türkiye signed a joint declaration.",
        "AZ-PK:coop AZ-TR:coop PK-TR:coop",
    );
}

#[test]
fn cooperation_cues() {
    for text in [
        "Azerbaijan and Pakistan have long maintained a strong partnership.",
        "China has consistently supported Azerbaijan’s territorial integrity.",
        "Trade between Azerbaijan and Pakistan has surged.",
        "Azerbaijan has announced plans to invest $2 billion in Pakistan’s economy.",
        "The visit of the Pakistani prime minister to Baku solidified this bond.",
        "This step is a clear expression of London's political trust in Baku.",
        "Turkey praised Azerbaijan for its restraint.",
        "Japan provided humanitarian aid to Nepal.",
        "Turkey hosted the Iraqi prime minister for two days.",
    ] {
        assert!(render(text).ends_with(":coop"), "{text}: {}", render(text));
    }
}

#[test]
fn conflict_cues() {
    for text in [
        "Russia launched an attack on Ukraine.",
        "The United States imposed sanctions on Iran.",
        "Armenia's arms build-up threatens Azerbaijan.",
        "France accused Azerbaijan of meddling.",
        "Years of conflict with Armenia left Azerbaijan scarred.",
        "The President criticized France over its colonial practices in New Caledonia.",
        "This proposal was announced by Azerbaijan, but it was met with hesitation from Armenia.",
        "Official Baku demands the removal from Armenia’s Constitution of territorial claims against Azerbaijan.",
    ] {
        assert!(render(text).ends_with(":conf"), "{text}: {}", render(text));
    }
}

#[test]
fn negation_and_modality() {
    // A negated conflict cue is no longer conflictual.
    check(
        "Iran is not opposed to the project with Azerbaijan.",
        "AZ-IR:neut",
    );
    // A negated cooperation cue is conflictual.
    check(
        "Azerbaijan did not receive direct aid from the United States.",
        "AZ-US:conf",
    );
    // "not only" negates nothing.
    check(
        "The deal benefits not only Azerbaijan but also deepens cooperation with China.",
        "AZ-CN:coop",
    );
    // A refusal scopes over the cooperation after it.
    check(
        "Armenia's reluctance to agree to a joint application with Azerbaijan persists.",
        "AM-AZ:conf",
    );
    // Modality: "impossible as long as".
    check(
        "A peace agreement between Armenia and Azerbaijan is impossible as long as the clause remains.",
        "AM-AZ:conf",
    );
    // Reversal: lifting an embargo is cooperation.
    check(
        "The United Kingdom decided to lift the embargo on arms exports to Azerbaijan.",
        "AZ-GB:coop",
    );
}

#[test]
fn concessive_clauses_count_less() {
    check(
        "Although tensions occurred from time to time, U.S.–Azerbaijan relations maintained a trajectory of cooperation.",
        "AZ-US:coop",
    );
}

#[test]
fn lists_and_comparisons_are_neutral() {
    check(
        "The Minsk Group, a mediation effort involving France, Russia, and the United States, had become irrelevant.",
        "FR-RU:neut FR-US:neut RU-US:neut",
    );
    check(
        "A $600 million arms deal with India, 36 howitzers from France, and a secret agreement with Iran.",
        "FR-IN:neut FR-IR:neut IN-IR:neut",
    );
    check(
        "Azerbaijan is the second country after China to have invested the most in this project.",
        "AZ-CN:neut",
    );
    check(
        "Two main centers—Tehran and Moscow—had stood in the way of realizing this corridor.",
        "IR-RU:neut",
    );
}

#[test]
fn places_are_neutral_unless_trade_or_conflict() {
    check(
        "Azerbaijan ensured uninterrupted support for Western forces in Afghanistan.",
        "AF-AZ:neut",
    );
    check(
        "As of today, 375 companies with Chinese capital have been registered in Azerbaijan.",
        "AZ-CN:coop",
    );
}

#[test]
fn reciprocal_groups_relate_their_members() {
    check(
        "Armenia and Azerbaijan accused each other of violating the ceasefire.",
        "AM-AZ:conf",
    );
    check(
        "Russia’s war in Ukraine entered its third year.",
        "RU-UA:conf",
    );
}

#[test]
fn joint_action_relates_the_group() {
    check(
        "Pyongyang denounced joint drills by South Korea and the U.S.",
        "KP-KR:conf KP-US:conf KR-US:coop",
    );
}

#[test]
fn clauses_limit_scope() {
    // The cues of the first clause say little about a country in the second.
    check(
        "This proposal was announced by Azerbaijan, but it was met with hesitation from Armenia.",
        "AM-AZ:conf",
    );
    check(
        "The United States and Japan agreed to deepen defense ties amid growing concern about China's military buildup.",
        "CN-JP:conf CN-US:conf JP-US:coop",
    );
}

#[test]
fn stance_is_per_pair() {
    check(
        "Armenia's arms deal with India threatens Azerbaijan.",
        "AM-AZ:conf AM-IN:coop AZ-IN:neut",
    );
    check(
        "Pakistan and Türkiye have consistently backed Azerbaijan's position, while Azerbaijan and Türkiye have supported Pakistan.",
        "AZ-PK:coop AZ-TR:coop PK-TR:coop",
    );
}

#[test]
fn topics_fall_back_to_diplomacy() {
    let d = doc("Azerbaijan and Pakistan intend to strengthen relations.");
    let scan = gazetteer::scan(&d);
    let r = extract(&d, &scan.mentions, &topics::classify(&d));
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].topics.iter().collect::<Vec<_>>(), [Topic::Diplomacy]);
    assert_eq!((r[0].start, r[0].end), (0, d.text.len() as u32));
}

#[test]
fn shared_lexing_gives_the_same_results() {
    let d = doc("Azerbaijan and Pakistan signed a deal. The EU welcomed it.\n\nRussia attacked Ukraine in Kyiv.");
    let all = analyze_document(&d);
    let scan = gazetteer::scan(&d);
    let t = topics::classify(&d);
    assert_eq!(all.countries.mentions, scan.mentions);
    assert_eq!(all.organizations, crate::organizations::scan(&d));
    assert_eq!(all.sentence_topics, t);
    assert_eq!(all.relations, extract(&d, &scan.mentions, &t));
}
