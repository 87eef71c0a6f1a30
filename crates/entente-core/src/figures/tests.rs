//! Table-driven tests of figure extraction: each row is a sentence of invented text and the
//! figures expected from it, written `text = kind value unit [qualifier] [@year]`.

use super::extract;
use crate::model::{Document, Figure, Sentence, Span};

/// A document for a test text: one paragraph, sentences split after ". ", "! " and "? ".
fn doc(text: &str) -> Document {
    let mut sentences = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'!' | b'?') && b.get(i + 1) == Some(&b' ') {
            sentences.push(Sentence {
                start: start as u32,
                end: (i + 1) as u32,
                paragraph: 0,
            });
            start = i + 2;
        }
    }
    if start < b.len() {
        sentences.push(Sentence {
            start: start as u32,
            end: b.len() as u32,
            paragraph: 0,
        });
    }
    Document {
        text: text.to_string(),
        paragraphs: vec![Span {
            start: 0,
            end: text.len() as u32,
        }],
        sentences,
        ..Document::default()
    }
}

fn show(d: &Document, f: &Figure) -> String {
    let value = match (f.value, f.min, f.max) {
        (Some(v), _, _) => format!("{v}"),
        (None, Some(a), Some(b)) => format!("{a}..{b}"),
        _ => "?".to_string(),
    };
    let mut s = format!(
        "{} = {} {} {}",
        &d.text[f.start as usize..f.end as usize],
        f.kind.id(),
        value,
        f.unit
    );
    if let Some(q) = f.qualifier {
        s.push(' ');
        s.push_str(q.id());
    }
    if let Some(y) = f.year {
        s.push_str(&format!(" @{y}"));
    }
    s
}

/// Extracts the figures of `input` as strings.
fn figures(input: &str) -> Vec<String> {
    let d = doc(input);
    extract(&d, &[]).iter().map(|f| show(&d, f)).collect()
}

#[track_caller]
fn check(input: &str, expected: &[&str]) {
    assert_eq!(figures(input), expected, "input: {input}");
}

/// Rows of (input, expected figures).
fn check_all(rows: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (input, expected) in rows {
        let got = figures(input);
        if got != *expected {
            failures.push(format!(
                "input:    {input}\nexpected: {expected:?}\ngot:      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n\n")
    );
}

#[test]
fn money() {
    check_all(&[
        (
            "Trade reached $3.7 billion.",
            &["$3.7 billion = money 3700000000 USD"],
        ),
        (
            "A \\$600 million arms deal.",
            &["$600 million = money 600000000 USD"],
        ),
        ("It costs €1.2 bn.", &["€1.2 bn = money 1200000000 EUR"]),
        (
            "A fund of AZN 50 million.",
            &["AZN 50 million = money 50000000 AZN"],
        ),
        (
            "They paid 50 million manat.",
            &["50 million manat = money 50000000 AZN"],
        ),
        (
            "Exports of USD 2 billion.",
            &["USD 2 billion = money 2000000000 USD"],
        ),
        (
            "Exports of 2 billion USD.",
            &["2 billion USD = money 2000000000 USD"],
        ),
        (
            "Investment reached 2,715 million dollars.",
            &["2,715 million dollars = money 2715000000 USD"],
        ),
        (
            "A grant of A$5 million.",
            &["A$5 million = money 5000000 AUD"],
        ),
        (
            "A loan of US$300m was signed.",
            &["US$300m = money 300000000 USD"],
        ),
        ("Sales hit $5bn.", &["$5bn = money 5000000000 USD"]),
        (
            "Aid of £20 million arrived.",
            &["£20 million = money 20000000 GBP"],
        ),
        ("Prices of 300 rubles.", &["300 rubles = money 300 RUB"]),
        (
            "A budget of 7 trillion yuan.",
            &["7 trillion yuan = money 7000000000000 CNY"],
        ),
        (
            "Rs 500 crore was allotted.",
            &["Rs 500 crore = money 5000000000 INR"],
        ),
        ("A contract worth $50k.", &["$50k = money 50000 USD"]),
        (
            "€10 billion ($11.8 billion) in aid.",
            &[
                "€10 billion = money 10000000000 EUR",
                "$11.8 billion = money 11800000000 USD",
            ],
        ),
        (
            "It rose to 1.5 billion Swiss francs.",
            &["1.5 billion Swiss francs = money 1500000000 CHF"],
        ),
        (
            "a $1 billion credit line",
            &["$1 billion = money 1000000000 USD"],
        ),
        (
            "JD 15 million in grants",
            &["JD 15 million = money 15000000 JOD"],
        ),
        (
            "a loan of USD5 million",
            &["USD5 million = money 5000000 USD"],
        ),
        (
            "a billion dollars",
            &["a billion dollars = money 1000000000 USD"],
        ),
        (
            "The project costs $2-3 billion.",
            &["$2-3 billion = money 2000000000..3000000000 USD"],
        ),
        (
            "a loan of $1,5 billion",
            &["$1,5 billion = money 1500000000 USD"],
        ),
        (
            "inflation of 3,5% and lists 1,2 and 3",
            &["3,5% = percent 3.5 %"],
        ),
        ("a $1-billion deal", &["$1-billion = money 1000000000 USD"]),
        (
            "a Rs 2,000-crore project",
            &["Rs 2,000-crore = money 20000000000 INR"],
        ),
        (
            "₹1.5 lakh crore was spent",
            &["₹1.5 lakh crore = money 1500000000000 INR"],
        ),
        (
            "aid of JD500 million and 20 million dinars",
            &[
                "JD500 million = money 500000000 JOD",
                "20 million dinars = money 20000000 JOD",
            ],
        ),
        (
            "$1 = 612.07 CFA francs",
            &["$1 = money 1 USD", "612.07 CFA francs = money 612.07 XOF"],
        ),
        (
            "a Dh5 billion fund and SR 2 billion",
            &[
                "Dh5 billion = money 5000000000 AED",
                "SR 2 billion = money 2000000000 SAR",
            ],
        ),
        (
            "U.S. $5 billion",
            &["U.S. $5 billion = money 5000000000 USD"],
        ),
        (
            "4.5 billion pesos",
            &["4.5 billion pesos = money 4500000000 MXN"],
        ),
        (
            "rose by 55.36 percent to $18.7 billion year-on-year",
            &[
                "55.36 percent = percent 55.36 %",
                "$18.7 billion = money 18700000000 USD",
            ],
        ),
    ]);
}

#[test]
fn percent() {
    check_all(&[
        (
            "Turnover rose by 20.7 percent.",
            &["20.7 percent = percent 20.7 %"],
        ),
        ("A share of 7.9%.", &["7.9% = percent 7.9 %"]),
        ("Up 3 per cent on last year.", &["3 per cent = percent 3 %"]),
        (
            "Rates rose 2 percentage points.",
            &["2 percentage points = percent 2 pp"],
        ),
        (
            "About 80 to 90 percent of the text.",
            &["About 80 to 90 percent = percent 80..90 % approx"],
        ),
        (
            "Growth of 12-26% is expected.",
            &["12-26% = percent 12..26 %"],
        ),
        (
            "Between 5 and 7 percent of voters.",
            &["Between 5 and 7 percent = percent 5..7 %"],
        ),
        (
            "It fell 5% to 3%.",
            &["5% = percent 5 %", "3% = percent 3 %"],
        ),
        (
            "Shares of 5 and 7 percent.",
            &["5 = percent 5 %", "7 percent = percent 7 %"],
        ),
        (
            "Rates rose 25 basis points.",
            &["25 basis points = percent 0.25 pp"],
        ),
        (
            "nearly nine percent",
            &["nearly nine percent = percent 9 % approx"],
        ),
        ("growth of -3 per cent", &["-3 per cent = percent -3 %"]),
        (
            "exports fell (-)34.6 per cent",
            &["(-)34.6 per cent = percent -34.6 %"],
        ),
        ("a change of −0.5%", &["−0.5% = percent -0.5 %"]),
        ("- 5 percent bullet", &["5 percent = percent 5 %"]),
    ]);
}

#[test]
fn quantities() {
    check_all(&[
        (
            "Capacity is 157 gigawatts.",
            &["157 gigawatts = quantity 157000000000 W"],
        ),
        ("A plant of 230 MW.", &["230 MW = quantity 230000000 W"]),
        ("A 230MW plant.", &["230MW = quantity 230000000 W"]),
        (
            "Stations of 230 to 240 megawatts.",
            &["230 to 240 megawatts = quantity 230000000..240000000 W"],
        ),
        (
            "capacities ranging from 230 to 240 megawatts",
            &["230 to 240 megawatts = quantity 230000000..240000000 W"],
        ),
        (
            "a one-gigawatt solar complex",
            &["one-gigawatt = quantity 1000000000 W"],
        ),
        (
            "up to 700,000 tons of LNG",
            &["up to 700,000 tons = quantity 700000 t up_to"],
        ),
        (
            "more than 11 million tons of oil",
            &["more than 11 million tons = quantity 11000000 t over"],
        ),
        (
            "exports of 9.4 bcm of gas",
            &["9.4 bcm = quantity 9400000000 m3"],
        ),
        (
            "12 billion cubic meters of gas",
            &["12 billion cubic meters = quantity 12000000000 m3"],
        ),
        (
            "a range exceeding 50 kilometers",
            &["exceeding 50 kilometers = quantity 50000 m over"],
        ),
        (
            "more than 10,000 kilometers away",
            &["more than 10,000 kilometers = quantity 10000000 m over"],
        ),
        (
            "an area of 86,600 square kilometres",
            &["86,600 square kilometres = quantity 86600000000 m2"],
        ),
        ("an area of 500 km²", &["500 km² = quantity 500000000 m2"]),
        (
            "3,000 hectares of farmland",
            &["3,000 hectares = quantity 30000000 m2"],
        ),
        (
            "output of 600,000 barrels per day",
            &["600,000 barrels per day = quantity 600000 barrels/day"],
        ),
        (
            "output of 1.2 million bpd",
            &["1.2 million bpd = quantity 1200000 barrels/day"],
        ),
        (
            "a capacity of 100,000 TEU",
            &["100,000 TEU = quantity 100000 TEU"],
        ),
        (
            "It generated 5 TWh last year.",
            &["5 TWh = quantity 5000000000000 Wh"],
        ),
        ("a 500 kV line", &["500 kV = quantity 500000 V"]),
        (
            "a 10-kilometre-long road",
            &["10-kilometre = quantity 10000 m"],
        ),
        (
            "from 10 billion to 20 billion cubic meters",
            &[
                "10 billion = quantity 10000000000 m3",
                "20 billion cubic meters = quantity 20000000000 m3",
            ],
        ),
        ("a 2,000-mile border", &["2,000-mile = quantity 3218688 m"]),
        ("at 300 km/h", &["300 km/h = quantity 300 km/h"]),
        ("a 100 Mbps link", &["100 Mbps = quantity 100000000 bit/s"]),
        ("It was 40 degrees outside.", &[]),
    ]);
}

#[test]
fn counts() {
    check_all(&[
        (
            "There are 375 companies.",
            &["375 companies = count 375 companies"],
        ),
        (
            "36 howitzers from France.",
            &["36 howitzers = count 36 howitzers"],
        ),
        (
            "where seven people were killed",
            &["seven people = count 7 people"],
        ),
        (
            "We identified nine positions.",
            &["nine positions = count 9 positions"],
        ),
        (
            "exports to more than 30 countries",
            &["more than 30 countries = count 30 countries over"],
        ),
        (
            "the deportation of a million people",
            &["a million people = count 1000000 people"],
        ),
        (
            "a dozen countries signed",
            &["a dozen countries = count 12 countries"],
        ),
        ("five fundamental principles", &[]),
        (
            "five fundamental reforms",
            &["five fundamental reforms = count 5 reforms"],
        ),
        (
            "1,500 Armenian servicemen",
            &["1,500 Armenian servicemen = count 1500 servicemen"],
        ),
        (
            "some 2.5 million refugees",
            &["some 2.5 million refugees = count 2500000 refugees approx"],
        ),
        (
            "Between 5 and 7 people died.",
            &["Between 5 and 7 people = count 5..7 people"],
        ),
        (
            "the 27 member states",
            &["27 member states = count 27 member states"],
        ),
        (
            "12 long-range missiles",
            &["12 long-range missiles = count 12 missiles"],
        ),
        (
            "with 7,38,024 voters",
            &["7,38,024 voters = count 738024 voters"],
        ),
        // Small counts in words of generic nouns are phrasing; qualified or in digits they count.
        ("Two main centers stood in the way.", &[]),
        ("two critical issues remain", &[]),
        (
            "more than three countries",
            &["more than three countries = count 3 countries over"],
        ),
        (
            "talks with 3 countries",
            &["3 countries = count 3 countries"],
        ),
        (
            "twelve countries signed",
            &["twelve countries = count 12 countries"],
        ),
        (
            "it includes nine countries",
            &["nine countries = count 9 countries"],
        ),
        ("two or three countries", &[]),
        (
            "two or three soldiers",
            &["two or three soldiers = count 2..3 soldiers"],
        ),
        ("the seven people", &[]),
        ("one of two reactors and each of three sides", &[]),
        ("twenty-five UAVs", &["twenty-five UAVs = count 25 UAVs"]),
        (
            "12 F-16s and 8 Su-30SM fighters",
            &[
                "12 F-16s = count 12 F-16s",
                "8 Su-30SM fighters = count 8 fighters",
            ],
        ),
        (
            "31 Abrams tanks",
            &["31 Abrams tanks = count 31 Abrams tanks"],
        ),
        (
            "84 more ATAGS and 5 BRICS countries",
            &[
                "84 more ATAGS = count 84 ATAGS",
                "5 BRICS countries = count 5 countries",
            ],
        ),
        (
            "12 additional battalions",
            &["12 additional battalions = count 12 battalions"],
        ),
        (
            "Azerbaijan, Pakistan Sign 15 Agreements Worth $2 Billion",
            &[
                "15 Agreements = count 15 Agreements",
                "$2 Billion = money 2000000000 USD",
            ],
        ),
        (
            "15 US congressmen",
            &["15 US congressmen = count 15 congressmen"],
        ),
        ("200 pages of evidence", &["200 pages = count 200 pages"]),
        ("one in five people", &[]),
        ("1 in 10 voters", &[]),
        // Regression: "stage" labels digits ("Stage 2"), not a following count.
        (
            "We identified at the initial stage nine positions.",
            &["nine positions = count 9 positions"],
        ),
        (
            "two Boeing 737 jets",
            &["two Boeing 737 jets = count 2 jets"],
        ),
        (
            "12 Leopard 2A7 tanks",
            &["12 Leopard 2A7 tanks = count 12 tanks"],
        ),
        ("Boeing 737 jets landed.", &[]),
        // The counted noun keeps the nouns that qualify it and drops adjectives.
        (
            "five border crossings",
            &["five border crossings = count 5 border crossings"],
        ),
        (
            "4 Patriot missile batteries",
            &["4 Patriot missile batteries = count 4 Patriot missile batteries"],
        ),
        (
            "100,000 ethnic Armenians",
            &["100,000 ethnic Armenians = count 100000 Armenians"],
        ),
        ("70,292 new jobs", &["70,292 new jobs = count 70292 jobs"]),
        (
            "300 Chinese steel companies",
            &["300 Chinese steel companies = count 300 steel companies"],
        ),
    ]);
}

#[test]
fn implied_counts() {
    check_all(&[
        (
            "375 companies with Chinese capital have been registered, with 298 of them operating.",
            &[
                "375 companies = count 375 companies",
                "298 = count 298 companies",
            ],
        ),
        (
            "There are 375 companies in the zone. Of these, 298 of them are active.",
            &[
                "375 companies = count 375 companies",
                "298 = count 298 companies",
            ],
        ),
        (
            "298 of the 375 companies are active.",
            &[
                "298 = count 298 companies",
                "375 companies = count 375 companies",
            ],
        ),
        ("Only 12 of them came.", &[]),
        (
            "to train as many as 10,000 of these businesses",
            &["as many as 10,000 = count 10000 businesses up_to"],
        ),
        ("30 of the companies closed", &["30 = count 30 companies"]),
        (
            "20,000 people died and a million were displaced.",
            &[
                "20,000 people = count 20000 people",
                "a million = count 1000000 people",
            ],
        ),
        (
            "It employs 1.2 million people, of whom 300,000 are in China.",
            &[
                "1.2 million people = count 1200000 people",
                "300,000 = count 300000 people",
            ],
        ),
        (
            "Of the 50 projects, 30 are complete.",
            &["50 projects = count 50 projects", "30 = count 30 projects"],
        ),
        ("In 2020, 5 were killed.", &[]),
    ]);
}

#[test]
fn carried_units() {
    check_all(&[
        (
            "Investment went to Nuevo León (2,715 million dollars), Veracruz (1,572) and Jalisco (1,003).",
            &[
                "2,715 million dollars = money 2715000000 USD",
                "1,572 = money 1572000000 USD",
                "1,003 = money 1003000000 USD",
            ],
        ),
        (
            "Trade reached $3 billion, with exports at 2.1 billion.",
            &["$3 billion = money 3000000000 USD", "2.1 billion = money 2100000000 USD"],
        ),
        ("Page 12 (of 40).", &[]),
    ]);
}

#[test]
fn durations() {
    check_all(&[
        (
            "a 99-year cooperation agreement",
            &["99-year = duration 99 year"],
        ),
        ("the 30-year conflict", &["30-year = duration 30 year"]),
        ("for another two years", &["two years = duration 2 year"]),
        (
            "over the past thirty years",
            &["thirty years = duration 30 year"],
        ),
        ("for a 12-month period", &["12-month = duration 12 month"]),
        (
            "for nearly three decades",
            &["nearly three decades = duration 30 year approx"],
        ),
        (
            "in the first seven months",
            &["seven months = duration 7 month"],
        ),
        ("a three-day visit", &["three-day = duration 3 day"]),
        ("for a decade", &["a decade = duration 10 year"]),
        (
            "half a century later",
            &["half a century = duration 50 year"],
        ),
        ("over 20 years", &["over 20 years = duration 20 year over"]),
        ("10-15 years", &["10-15 years = duration 10..15 year"]),
        (
            "two to three weeks",
            &["two to three weeks = duration 2..3 week"],
        ),
        ("a 24-hour ceasefire", &["24-hour = duration 24 hour"]),
        (
            "two and a half years",
            &["two and a half years = duration 2.5 year"],
        ),
        ("a month-long visit", &[]),
        ("a decade-long conflict", &[]),
        ("the 44-day war", &["44-day = duration 44 day"]),
    ]);
}

#[test]
fn qualifiers() {
    check_all(&[
        (
            "just over $20 million",
            &["just over $20 million = money 20000000 USD over"],
        ),
        (
            "over $100 million",
            &["over $100 million = money 100000000 USD over"],
        ),
        (
            "less than 5 percent",
            &["less than 5 percent = percent 5 % under"],
        ),
        ("below 2%", &["below 2% = percent 2 % under"]),
        (
            "almost 40 people",
            &["almost 40 people = count 40 people approx"],
        ),
        (
            "around 300 tons",
            &["around 300 tons = quantity 300 t approx"],
        ),
        (
            "approximately 12 km",
            &["approximately 12 km = quantity 12000 m approx"],
        ),
        (
            "as much as $5 billion",
            &["as much as $5 billion = money 5000000000 USD up_to"],
        ),
        (
            "at least 30 people",
            &["at least 30 people = count 30 people over"],
        ),
        (
            "an estimated 5,000 troops",
            &["an estimated 5,000 troops = count 5000 troops approx"],
        ),
        (
            "roughly 9 bcm",
            &["roughly 9 bcm = quantity 9000000000 m3 approx"],
        ),
        (
            "fewer than 100 journalists",
            &["fewer than 100 journalists = count 100 journalists under"],
        ),
    ]);
}

#[test]
fn years_of_figures() {
    check_all(&[
        (
            "Trade grew from \\$13.28 million in 2020 to over \\$100 million in 2023.",
            &[
                "$13.28 million = money 13280000 USD @2020",
                "over \\$100 million = money 100000000 USD over @2023",
            ],
        ),
        (
            "Turnover increased by 20.7 percent in 2024, reaching $3.7 billion.",
            &[
                "20.7 percent = percent 20.7 % @2024",
                "$3.7 billion = money 3700000000 USD @2024",
            ],
        ),
        (
            "In 2019 and 2020, exports were $5 billion.",
            &["$5 billion = money 5000000000 USD"],
        ),
        (
            "Between 2017-2021 exports were $5 billion.",
            &["$5 billion = money 5000000000 USD"],
        ),
        (
            "In 2022, spending was $700 million; now, in 2024, it will be $1.4 billion.",
            &[
                "$700 million = money 700000000 USD @2022",
                "$1.4 billion = money 1400000000 USD @2024",
            ],
        ),
    ]);
}

#[test]
fn not_figures() {
    check_all(&[
        ("In 2024, the summit was held.", &[]),
        ("The host of COP29 and the G7 and G20 met.", &[]),
        ("5G networks and 3D printing", &[]),
        ("Section 907 of the Freedom Support Act", &[]),
        ("F-16 jets and IRIS-T systems and Su-35 fighters", &[]),
        ("the \"Three Brothers\" exercises", &[]),
        ("the 'One China' policy", &[]),
        ("the Heydar Aliyev 100 program", &[]),
        ("On July 3, 2024, leaders met.", &[]),
        ("BAKU, Azerbaijan, February 25. Talks began.", &[]),
        ("22 April 2025 20:20 (UTC +04:00)", &[]),
        ("July 11 and 12 visits", &[]),
        ("the 2017-2021 period", &[]),
        ("FY 20 budget lines", &[]),
        (
            "the fourth largest partner, the second forum, the 14th round",
            &[],
        ),
        ("the 20th century and the late 1980s", &[]),
        ("At 5 pm the talks ended.", &[]),
        ("Call +994 12 345 67 89 now.", &[]),
        ("1. Home\n2. Azerbaijan\n3. Politics", &[]),
        ("Table of contents\n\nKey Takeaways\n2\nArms spree\n7", &[]),
        ("See report2024.pdf for details.", &[]),
        ("Seçilən\n87\n50\napa.az\n\n10Mənbələr", &[]),
        ("the number one conference", &[]),
        ("one of the key events", &[]),
        ("a two-thirds majority and a two-state solution", &[]),
        ("the twenty-first century", &[]),
        ("a 25-year-old man", &[]),
        ("He is 25 years old.", &[]),
        ("It grew 2.6 times and doubled.", &[]),
        ("the two countries and the three nations", &[]),
        ("Boeing 737 jets landed.", &[]),
        ("Article 5 states that", &[]),
        ("16 px font, 87 votes, 12 comments", &[]),
        ("One day, he said", &[]),
        ("millions of people and thousands of troops", &[]),
        ("a 5-point plan with 10-member teams", &[]),
        ("the 2024 UN Climate Change Conference", &[]),
        ("World War II", &[]),
        ("24/7 support and a 3:1 ratio", &[]),
        ("version 1.2.3 on 12.07.2024", &[]),
        ("the euro-zone", &[]),
        ("ISBN 978-3-16-148410-0", &[]),
    ]);
}

#[test]
fn robust_to_escapes_and_markup() {
    check(
        "**$5 billion** in aid",
        &["$5 billion = money 5000000000 USD"],
    );
    check(
        "over \\$100 million",
        &["over \\$100 million = money 100000000 USD over"],
    );
}

#[test]
fn offsets_are_char_boundaries() {
    let text = "Türkiye gave ₼50 million and 7 ölkə — Əliyev's 36 howitzers cost €1 bn.";
    let d = doc(text);
    for f in extract(&d, &[]) {
        assert!(text.is_char_boundary(f.start as usize));
        assert!(text.is_char_boundary(f.end as usize));
    }
    check(
        text,
        &[
            "₼50 million = money 50000000 AZN",
            "36 howitzers = count 36 howitzers",
            "€1 bn = money 1000000000 EUR",
        ],
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that make up adversarial text: numbers, units, qualifiers, punctuation and
    /// multi-byte characters glued in every order.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,6}",
            "[0-9]{1,3}(,[0-9]{2,3}){0,3}(\\.[0-9]{1,3})?",
            Just("$".to_string()),
            Just("\\$".to_string()),
            Just("€".to_string()),
            Just("₼".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\u{a0}".to_string()),
            Just("-".to_string()),
            Just("–".to_string()),
            Just("%".to_string()),
            Just(".".to_string()),
            Just(",".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("million".to_string()),
            Just("bn".to_string()),
            Just("a".to_string()),
            Just("half".to_string()),
            Just("one".to_string()),
            Just("twenty".to_string()),
            Just("hundred".to_string()),
            Just("and".to_string()),
            Just("to".to_string()),
            Just("between".to_string()),
            Just("from".to_string()),
            Just("percent".to_string()),
            Just("per cent".to_string()),
            Just("years".to_string()),
            Just("decade".to_string()),
            Just("km²".to_string()),
            Just("people".to_string()),
            Just("of them".to_string()),
            Just("more than".to_string()),
            Just("July".to_string()),
            Just("Əliyev".to_string()),
            Just("ölkə".to_string()),
            Just("“".to_string()),
            "\\PC{0,3}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn spans_slice_the_text(s in text()) {
            let d = doc(&s);
            let figures = extract(&d, &[]);
            let mut last = 0;
            for f in &figures {
                let (a, b) = (f.start as usize, f.end as usize);
                prop_assert!(a < b && b <= s.len());
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                prop_assert!(a >= last, "figures overlap or are out of order");
                last = b;
                prop_assert!(f.value.is_some() != (f.min.is_some() && f.max.is_some()));
                let v = f.value.or(f.min).unwrap_or(0.0);
                prop_assert!(v.is_finite());
                prop_assert!(!f.unit.is_empty());
            }
        }

        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            let d = doc(&s);
            let _ = extract(&d, &[]);
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let s = String::from_utf8_lossy(&bytes).into_owned();
            let d = doc(&s);
            let _ = extract(&d, &[]);
        }
    }
}
