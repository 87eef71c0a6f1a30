//! Gazetteer tests: one row per behaviour, each checked against the mentions and rejections that
//! [`super::scan`] reports for a short text.

use super::*;
use crate::model::{MentionForm, MentionRole, Sentence, Span};

/// A document with one paragraph per blank-line block, cut into sentences after `.`, `!` or `?`
/// followed by a space and a capital letter (enough for short test texts; the real parser lives in
/// `parse`).
pub(crate) fn doc(text: &str) -> Document {
    let mut paragraphs = Vec::new();
    let mut offset = 0usize;
    for part in text.split("\n\n") {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let start = offset + (part.len() - part.trim_start().len());
            paragraphs.push(Span {
                start: start as u32,
                end: (start + trimmed.len()) as u32,
            });
        }
        offset += part.len() + 2;
    }
    let mut sentences = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let body = &text[p.range()];
        let mut start = 0;
        let bytes = body.as_bytes();
        for k in 0..bytes.len().saturating_sub(2) {
            if matches!(bytes[k], b'.' | b'!' | b'?')
                && bytes[k + 1] == b' '
                && bytes[k + 2].is_ascii_uppercase()
                && !body[..k].ends_with(|c: char| c.is_ascii_uppercase())
            {
                sentences.push(Sentence {
                    start: p.start + start as u32,
                    end: p.start + k as u32 + 1,
                    paragraph: i as u32,
                });
                start = k + 2;
            }
        }
        sentences.push(Sentence {
            start: p.start + start as u32,
            end: p.end,
            paragraph: i as u32,
        });
    }
    Document {
        text: text.to_string(),
        paragraphs,
        sentences,
        ..Document::default()
    }
}

/// Renders each mention as `text=CODE` plus a role marker (`[proper]`, `[venue]`, `[hist]`,
/// `[dateline]`), and each rejection as `text!CODE`, in text order.
fn render(text: &str) -> String {
    let d = doc(text);
    let scan = scan(&d);
    let mut items: Vec<(u32, String)> = Vec::new();
    for m in &scan.mentions {
        let mut s = format!("{}={}", &text[m.start as usize..m.end as usize], m.code);
        match m.role {
            MentionRole::State => {}
            MentionRole::ProperName => s.push_str("[proper]"),
            MentionRole::Venue => s.push_str("[venue]"),
            MentionRole::Historical => s.push_str("[hist]"),
        }
        if m.form == MentionForm::Dateline {
            s.push_str("[dateline]");
        }
        items.push((m.start, s));
    }
    for r in &scan.rejected {
        items.push((
            r.start,
            format!("{}!{}", &text[r.start as usize..r.end as usize], r.code),
        ));
    }
    items.sort();
    items
        .into_iter()
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" ")
}

fn check(text: &str, want: &str) {
    assert_eq!(render(text), want, "\n  text: {text}");
}

#[test]
fn names_short_forms_and_spellings() {
    check("Italy and the United Kingdom", "Italy=IT United Kingdom=GB");
    check(
        "Türkiye, Turkey and TURKIYE",
        "Türkiye=TR Turkey=TR TURKIYE=TR",
    );
    check(
        "Czechia or the Czech Republic",
        "Czechia=CZ Czech Republic=CZ",
    );
    check(
        "Côte d’Ivoire and Côte d'Ivoire and Cote d'Ivoire",
        "Côte d’Ivoire=CI Côte d'Ivoire=CI Cote d'Ivoire=CI",
    );
    check(
        "the Republic of Azerbaijan and the People's Republic of China",
        "Republic of Azerbaijan=AZ People's Republic of China=CN",
    );
    check(
        "Taiwan, Kosovo, Palestine, Hong Kong, Mayotte, New Caledonia and Greenland",
        "Taiwan=TW Kosovo=XK Palestine=PS Hong Kong=HK Mayotte=YT New Caledonia=NC Greenland=GL",
    );
    check("the Comoro Islands", "Comoro Islands=KM");
}

#[test]
fn abbreviations_are_case_sensitive() {
    check("the U.S. and the US and the USA", "U.S.=US US=US USA=US");
    check("the UK, the U.K. and the UAE", "UK=GB U.K.=GB UAE=AE");
    check("PRC, DPRK and KSA", "PRC=CN DPRK=KP KSA=SA");
    check("let us go", "");
    check("Us and them", "");
    check("LET US KNOW", "US!US");
}

#[test]
fn names_need_a_capital_letter() {
    check("we ate turkey in china", "");
    check("Turkey", "Turkey=TR");
}

#[test]
fn demonyms_and_plurals() {
    check(
        "Azerbaijani gas and Pakistani rice",
        "Azerbaijani=AZ Pakistani=PK",
    );
    check(
        "British, American and Chinese firms",
        "British=GB American=US Chinese=CN",
    );
    check("Azerbaijanis and Armenians", "Azerbaijanis=AZ Armenians=AM");
    check(
        "anti-Azerbaijani acts and pro-Armenian politicians",
        "Azerbaijani=AZ Armenian=AM",
    );
    check(
        "Sino-Russian ties, but Sino is not a word",
        "Sino=CN Russian=RU",
    );
}

#[test]
fn possessives_and_compounds() {
    check(
        "Azerbaijan's role and Azerbaijan’s role",
        "Azerbaijan=AZ Azerbaijan=AZ",
    );
    check("Azerbaijan-Pakistan relations", "Azerbaijan=AZ Pakistan=PK");
    check(
        "Azerbaijan–U.S. strategic cooperation",
        "Azerbaijan=AZ U.S.=US",
    );
    check("U.S.–Azerbaijan relations", "U.S.=US Azerbaijan=AZ");
    check(
        "the Azerbaijan-Pakistan-Türkiye trilateral partnership",
        "Azerbaijan=AZ Pakistan=PK Türkiye=TR",
    );
}

#[test]
fn longest_match_wins() {
    check(
        "Papua New Guinea and Guinea",
        "Papua New Guinea=PG Guinea=GN",
    );
    check(
        "Guinea-Bissau and Equatorial Guinea",
        "Guinea-Bissau=GW Equatorial Guinea=GQ",
    );
    check("South Sudan and Sudan", "South Sudan=SS Sudan=SD");
    check("Niger and Nigeria", "Niger=NE Nigeria=NG");
    check(
        "Dominica and the Dominican Republic",
        "Dominica=DM Dominican Republic=DO",
    );
    check("New Mexico and Mexico", "New Mexico!MX Mexico=MX");
    check("the island of New Guinea", "New Guinea!GN");
    check("Latin American markets", "Latin American!US");
    check(
        "the Indian Ocean and Indian ports",
        "Indian Ocean!IN Indian=IN",
    );
    check(
        "Northern Ireland and Ireland",
        "Northern Ireland=GB Ireland=IE",
    );
}

#[test]
fn the_congos_and_korea() {
    check(
        "the Democratic Republic of the Congo, DR Congo, the Republic of the Congo and Congo-Brazzaville",
        "Democratic Republic of the Congo=CD DR Congo=CD Republic of the Congo=CG Congo-Brazzaville=CG",
    );
    let d = doc("Congo and Korea");
    let s = scan(&d);
    assert_eq!(s.mentions[0].code.as_str(), "CD");
    assert!(s.mentions[0].note.is_some(), "bare Congo carries a note");
    assert_eq!(s.mentions[1].code.as_str(), "KR");
    assert!(s.mentions[1]
        .note
        .as_deref()
        .unwrap()
        .contains("South Korea"));
    check(
        "North Korea and South Korea",
        "North Korea=KP South Korea=KR",
    );
    check("the Korean Peninsula", "Korean Peninsula!KR");
}

#[test]
fn georgia_the_country_or_the_us_state() {
    check("Georgia and Armenia signed", "Georgia=GE Armenia=AM");
    check("Tbilisi, Georgia", "Tbilisi=GE[venue] Georgia=GE");
    check("He lives in Atlanta, Georgia", "Georgia!GE");
    check("the state of Georgia passed a law", "Georgia!GE");
    check("the Georgia state legislature", "Georgia!GE");
    check(
        "Washington state and Seattle, Washington",
        "Washington!US Washington!US",
    );
}

#[test]
fn people_named_like_countries() {
    check("Jordan Peterson said", "Jordan!JO");
    check("as Michael Jordan said", "Jordan!JO");
    check(
        "Chad Smith visited Jordan and Chad",
        "Chad!TD Jordan=JO Chad=TD",
    );
    check("King Abdullah of Jordan", "Jordan=JO");
}

#[test]
fn places_inside_proper_names() {
    check(
        "the Baku–Tbilisi–Ceyhan (BTC) oil pipeline",
        "Baku=AZ[proper] Tbilisi=GE[proper]",
    );
    check(
        "the Baku-Tbilisi-Kars railway",
        "Baku=AZ[proper] Tbilisi=GE[proper]",
    );
    check(
        "the Paris Agreement and the Minsk Group",
        "Paris=FR[proper] Minsk=BY[proper]",
    );
    check(
        "a joint appeal on the closure of the OSCE Minsk Process",
        "Minsk=BY[proper]",
    );
    check("the Washington Post reported", "Washington=US[proper]");
    check(
        "a deal with Royal Dutch Shell was signed",
        "Dutch=NL[proper]",
    );
    check(
        "Notably, the Baku International Sea Trade Port and other facilities",
        "Baku=AZ[proper]",
    );
    check(
        "the strategically important Kabul airport",
        "Kabul=AF[proper]",
    );
    check("the Gulf of Mexico", "Mexico=MX[proper]");
    check(
        "Azerbaijan has established the Azerbaijan Chamber of Commerce in Islamabad",
        "Azerbaijan=AZ Azerbaijan=AZ[proper] Islamabad=PK[venue]",
    );
    check(
        "Lake Chad and the Niger Delta",
        "Chad=TD[proper] Niger=NE[proper]",
    );
    check("the 'One China' policy", "China=CN[proper]");
}

#[test]
fn states_next_to_capitalized_words() {
    check("Azerbaijan President Ilham Aliyev", "Azerbaijan=AZ");
    check(
        "the Armenian Constitution and the Azerbaijani Cabinet of Ministers",
        "Armenian=AM Azerbaijani=AZ",
    );
    check("Pakistani Prime Minister Shehbaz Sharif", "Pakistani=PK");
    check("the U.S. Congress and the UK government", "U.S.=US UK=GB");
    check("Official Baku demands", "Baku=AZ");
    check("Baku–Washington relations", "Baku=AZ Washington=US");
    check("Chinese automotive giant BYD", "Chinese=CN");
}

#[test]
fn title_case_lines_keep_countries() {
    check(
        "Azerbaijan And China Upgrade Bilateral Relations To Strategic Partnership",
        "Azerbaijan=AZ China=CN",
    );
    check(
        "HIGHLIGHT OF THE FOREIGN POLICY OF REPUBLIC OF AZERBAIJAN",
        "REPUBLIC OF AZERBAIJAN=AZ",
    );
}

#[test]
fn capitals_as_venues_or_states() {
    check(
        "the agreement was signed in Washington",
        "Washington=US[venue]",
    );
    check("a summit in Astana", "Astana=KZ[venue]");
    check(
        "the Chamber of Commerce in Islamabad",
        "Islamabad=PK[venue]",
    );
    check("tensions with Washington", "Washington=US");
    check("talks between Baku and Yerevan", "Baku=AZ Yerevan=AM");
    check("the minister's visit to Baku", "Baku=AZ");
    check("Moscow has lost its levers", "Moscow=RU");
    check("in Baku's view", "Baku=AZ");
    check(
        "signed in Astana, Kazakhstan",
        "Astana=KZ[venue] Kazakhstan=KZ",
    );
    check("a Paris-based think tank", "Paris=FR[venue]");
    check("the president arrived in Baku on Monday", "Baku=AZ");
    check(
        "the Minsk agreements were never implemented",
        "Minsk=BY[proper]",
    );
}

#[test]
fn regions_of_a_country_refer_to_it() {
    check("fighting in Eastern Ukraine continued", "Ukraine=UA");
    check("the history of Western Azerbaijan is long", "Azerbaijan=AZ");
}

#[test]
fn datelines() {
    check(
        "BAKU, Azerbaijan, February 25. Azerbaijan and Pakistan",
        "BAKU=AZ[dateline] Azerbaijan=AZ[dateline] Azerbaijan=AZ Pakistan=PK",
    );
    check("Intro.\n\nBRUSSELS – Armenia said", "Armenia=AM");
    check(
        "Intro.\n\nMOSCOW – Armenia said",
        "MOSCOW=RU[dateline] Armenia=AM",
    );
}

#[test]
fn historical_states() {
    check(
        "the Soviet Union and Yugoslavia",
        "Soviet Union=SU[hist] Yugoslavia=YU[hist]",
    );
    check("the post-Soviet space", "Soviet=SU[hist]");
}

#[test]
fn never_panics_on_odd_text() {
    for text in [
        "",
        "U.",
        "U.S",
        "'",
        "BAKU,",
        "—Baku—",
        "Georgia",
        "of",
        "Washington,",
        "ÄÖÜ ß",
        "\u{FEFF}Iran",
    ] {
        let _ = scan(&doc(text));
    }
}

#[test]
fn lookups() {
    assert_eq!(
        country_name(CountryCode::new("AZ").unwrap()),
        Some("Azerbaijan")
    );
    assert_eq!(
        country_name(CountryCode::new("GB").unwrap()),
        Some("United Kingdom")
    );
    assert_eq!(
        country_name(CountryCode::new("XK").unwrap()),
        Some("Kosovo")
    );
    assert_eq!(country_name(CountryCode::new("ZZ").unwrap()), None);
    assert_eq!(country_label(CountryCode::new("ZZ").unwrap()), "ZZ");
    assert_eq!(country_label(CountryCode::new("AZ").unwrap()), "Azerbaijan");
    for (name, code) in [
        ("türkiye", "TR"),
        ("U.S.", "US"),
        ("Azerbaijani", "AZ"),
        ("Baku", "AZ"),
        ("az", "AZ"),
    ] {
        assert_eq!(
            lookup(name).map(|c| c.to_string()),
            Some(code.to_string()),
            "{name}"
        );
    }
    assert_eq!(lookup("New Mexico"), None);
    assert!(all_countries().len() > 250);
    assert!(all_countries()
        .iter()
        .any(|c| c.code.as_str() == "SU" && c.status == CountryStatus::Historical));
}

#[test]
fn data_files_are_consistent() {
    let g = gazetteer();
    // Every alias points at a known code.
    for row in tsv_rows(ALIASES_TSV) {
        let code = CountryCode::new(row[0]).expect("valid code");
        assert!(
            countries().by_code.contains_key(&code),
            "unknown code {}",
            row[0]
        );
        assert!(row.len() >= 3, "short row {row:?}");
    }
    // Each listed alias resolves to the code it is listed with (no silent override between rows).
    for row in tsv_rows(ALIASES_TSV) {
        let a = g.aliases.get_text(row[2]).expect("alias keyed");
        assert_eq!(a.code.as_str(), row[0], "alias {} overridden", row[2]);
    }
}
