//! Generates a synthetic newsletter archive for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [--seed S]
//! ```
//!
//! Writes `N` weekly issues named `YYYY-MM-DD-<number>.md` into `DIR`, one
//! week apart from 2010-01-03, in the format of the samples in `issues/`:
//! YAML front matter, an intro, setext sections (Sponsor, Sponsored, News,
//! sometimes CNCF / Jobs / Events, Tools), items made of prose and link
//! lines, and a footer repeating the sponsor plus a subscription notice.
//! Mentions of Docker, Kubernetes and unikernels drift over the archive:
//! Docker rises then falls, Kubernetes rises later, unikernels have a blip.
//!
//! Output depends only on `N`, the seed and the issue's index (each issue
//! has its own PRNG stream), so the files are byte-identical from run to
//! run however the work is split across threads. No clock, no OS entropy,
//! no transcendental float functions (whose last bit may vary by platform).
//!
//! The benches include this file as a module to build archives in memory.

use std::path::PathBuf;

use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;

/// The seed used when `--seed` is not given.
pub const DEFAULT_SEED: u64 = 0x7e4d_feed;

fn main() {
    if let Err(message) = run() {
        eprintln!("gen_corpus: {message}");
        eprintln!("usage: gen_corpus N DIR [--seed S]");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut positional = Vec::new();
    let mut seed = DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--seed" {
            let value = args.next().ok_or("--seed needs a value")?;
            seed = value.parse().map_err(|_| format!("--seed `{value}` is not an unsigned integer"))?;
        } else if let Some(value) = arg.strip_prefix("--seed=") {
            seed = value.parse().map_err(|_| format!("--seed `{value}` is not an unsigned integer"))?;
        } else if arg.starts_with('-') {
            return Err(format!("unknown option `{arg}`"));
        } else {
            positional.push(arg);
        }
    }
    let [n, dir] = positional.as_slice() else {
        return Err("expected N and DIR".into());
    };
    let n: usize = n.parse().map_err(|_| format!("N `{n}` is not a count"))?;
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let bytes: usize = (0..n)
        .into_par_iter()
        .map(|index| {
            let (name, text) = issue(index, n, seed);
            let path = dir.join(name);
            std::fs::write(&path, &text)
                .map(|()| text.len())
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    println!(
        "wrote {n} issues ({bytes} bytes, {} bytes/issue on average) to {}",
        bytes.checked_div(n).unwrap_or(0),
        dir.display()
    );
    Ok(())
}

/// SplitMix64: tiny, fast, and good enough for synthetic text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn hex(&mut self, len: usize) -> String {
        (0..len).map(|_| char::from(b"0123456789abcdef"[self.below(16)])).collect()
    }

    fn alnum(&mut self, len: usize) -> String {
        const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..len).map(|_| char::from(CHARS[self.below(CHARS.len())])).collect()
    }
}

/// The first issue's date.
pub fn first_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, 1, 3).expect("valid date")
}

/// Issue `index` (0-based) of an archive of `total`: its file name and text.
pub fn issue(index: usize, total: usize, seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xd1b5_4a32_d192_ed03));
    rng.next_u64();
    let number = index + 1;
    let date = first_date().checked_add_days(Days::new(7 * index as u64)).expect("date in range");
    // Position in the archive, 0 → 1: drives the topic drift.
    let t = if total > 1 { index as f64 / (total - 1) as f64 } else { 0.0 };
    let mut g = Gen { rng, t, date, br: false, sponsor: 0, out: String::with_capacity(8 * 1024) };
    g.br = g.rng.chance(0.35);
    g.sponsor = g.rng.below(SPONSORS.len());
    g.issue(number);
    (format!("{}-{number}.md", date.format("%Y-%m-%d")), g.out)
}

/// Linear interpolation through `(t, value)` points sorted by `t`.
fn curve(points: &[(f64, f64)], t: f64) -> f64 {
    for pair in points.windows(2) {
        let ((t0, v0), (t1, v1)) = (pair[0], pair[1]);
        if t <= t1 {
            return v0 + (v1 - v0) * ((t - t0) / (t1 - t0)).clamp(0.0, 1.0);
        }
    }
    points.last().map_or(0.0, |p| p.1)
}

/// Chance that an item mentions Docker, Kubernetes, unikernels at `t`.
fn topic_odds(t: f64) -> [f64; 3] {
    [
        curve(&[(0.0, 0.0), (0.12, 0.01), (0.3, 0.22), (0.45, 0.38), (0.65, 0.16), (1.0, 0.06)], t),
        curve(&[(0.0, 0.0), (0.4, 0.0), (0.5, 0.04), (0.7, 0.30), (1.0, 0.42)], t),
        curve(&[(0.0, 0.0), (0.3, 0.0), (0.38, 0.06), (0.48, 0.03), (0.6, 0.004), (1.0, 0.004)], t),
    ]
}

struct Gen {
    rng: Rng,
    t: f64,
    date: NaiveDate,
    /// `<br>`-prefixed link lines right under the prose (the 2017 style)
    /// rather than after a blank line.
    br: bool,
    /// Index in [`SPONSORS`] of this issue's sponsor.
    sponsor: usize,
    out: String,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

impl Gen {
    fn issue(&mut self, number: usize) {
        let date = self.date;
        // Summer issues carry the UK summer-time offset, like the samples.
        let offset = if (4..=10).contains(&date.month()) { "+01:00" } else { "+00:00" };
        let (hour, minute, second) = (self.rng.range(8, 19), self.rng.below(60), self.rng.below(60));
        self.out.push_str(&format!(
            "---\ntitle: DEVOPS WEEKLY ISSUE \\#{number} - {} {} {} \ndate: {}T{hour:02}:{minute:02}:{second:02}{offset}\n---\n\n",
            ordinal(date.day()),
            MONTHS[date.month0() as usize],
            date.year(),
            date.format("%Y-%m-%d"),
        ));
        let intro = self.intro();
        self.out.push_str(&intro);
        self.out.push_str("\n\n\n");

        let sponsor = self.sponsor();
        self.heading("Sponsor");
        self.out.push_str(&sponsor.join("\n\n"));
        let sponsor_url = format!(
            "http://{}/{}",
            SPONSORS[self.sponsor].1,
            self.rng.pick(&["devopsweekly", "DOWeekly", "dw", "weekly"])
        );
        self.links_after_prose(std::slice::from_ref(&sponsor_url));
        self.out.push_str("\n\n");

        self.heading("Sponsored");
        self.sponsored();

        self.heading("News");
        for _ in 0..self.rng.range(8, 14) {
            self.news_item();
        }
        // The CNCF section appears once Kubernetes does.
        if self.rng.chance(topic_odds(self.t)[1]) {
            let name = if self.rng.chance(0.5) { "CNCF" } else { "CNCF - Cloud Native Computing Foundation" };
            self.heading(name);
            for _ in 0..self.rng.range(1, 2) {
                self.cncf_item();
            }
        }
        if self.rng.chance(0.2) {
            self.heading("Jobs");
            self.job_item();
        }
        if self.rng.chance(0.25) {
            self.heading("Events");
            for _ in 0..self.rng.range(1, 3) {
                self.event_item();
            }
        }
        self.heading("Tools");
        for _ in 0..self.rng.range(3, 7) {
            self.tool_item();
        }

        // Footer: the sponsor again, then the subscription notice.
        self.out.push('\n');
        self.out.push_str(&sponsor.join("\n\n"));
        if self.rng.chance(0.5) {
            self.out.push_str("\n\n");
        } else {
            self.out.push('\n');
        }
        self.out.push_str(&format!("[{sponsor_url}]({sponsor_url})\n\n\n"));
        self.out.push_str(
            "If you received this email directly then you're already signed up, thanks! If however someone \
             forwarded this email to you and you'd like to get it each week then you can subscribe at \
             [http://devopsweekly.com](http://devopsweekly.com)\n\n",
        );
    }

    fn heading(&mut self, name: &str) {
        // Underline lengths as in the samples.
        let underline = match name {
            "Sponsor" | "Events" => 6,
            "Sponsored" => 8,
            "Tools" => 5,
            _ => 4,
        };
        self.out.push_str(name);
        self.out.push('\n');
        self.out.push_str(&"=".repeat(underline));
        self.out.push_str("\n\n");
    }

    /// Link lines under a prose paragraph (already written, without its newline).
    fn links_after_prose(&mut self, urls: &[String]) {
        self.out.push_str(if self.br { "\n" } else { "\n\n" });
        for url in urls {
            if self.br {
                self.out.push_str("<br>");
            }
            self.out.push_str(&format!("[{url}]({url})\n"));
        }
    }

    fn intro(&mut self) -> String {
        let mut topics: Vec<String> = (0..self.rng.range(2, 4)).map(|_| self.rng.pick(NOUNS).to_owned()).collect();
        let odds = topic_odds(self.t);
        for (i, term) in ["Docker", "Kubernetes", "unikernels"].into_iter().enumerate() {
            if self.rng.chance(odds[i] * 1.5) {
                topics.insert(0, term.to_owned());
            }
        }
        topics.dedup();
        let last = topics.pop().unwrap_or_default();
        let list = if topics.is_empty() { last } else { format!("{} and {last}", topics.join(", ")) };
        let mut text = format!("{} {list}{}", self.rng.pick(INTRO_OPENERS), self.rng.pick(INTRO_CLOSERS));
        if self.rng.chance(0.6) {
            text.push(' ');
            text.push_str(
                &self
                    .rng
                    .pick(INTRO_EXTRAS)
                    .replace("{conf}", self.rng.pick(CONFERENCES))
                    .replace("{city}", self.rng.pick(CITIES)),
            );
        }
        text
    }

    fn sponsor(&mut self) -> Vec<String> {
        let (company, _) = SPONSORS[self.sponsor];
        let first = format!(
            "Devops Weekly is sponsored by {company}: {} {}.",
            self.rng.pick(SPONSOR_PITCHES),
            self.rng.pick(SPONSOR_QUALITIES)
        );
        let mut paragraphs = vec![first];
        if self.rng.chance(0.6) {
            paragraphs.push(format!(
                "{} {} {}…",
                self.rng.pick(&["Try", "Start", "Get", "Spin up"]),
                self.rng.pick(SPONSOR_OFFERS),
                self.rng.pick(&[
                    "in 30 seconds with your £20 free credit",
                    "free for 14 days",
                    "today, no credit card needed",
                    "with a free developer account"
                ])
            ));
        }
        paragraphs
    }

    fn sponsored(&mut self) {
        let title = format!(
            "{}{} {}",
            self.rng.pick(&["[Webinar] ", "[Whitepaper] ", "[eBook] ", "", "Free report: "]),
            self.rng.pick(&["How to Build", "Practical Tips for", "The State of", "Getting Started with", "Scaling"]),
            capitalise(&format!("{} {}", self.rng.pick(ADJECTIVES), self.rng.pick(NOUNS)))
        );
        self.out.push_str(&title);
        self.out.push_str("\n\n");
        let body = format!(
            "{} {} {} {}",
            self.rng.pick(&[
                "Learn a practical step-by-step approach to",
                "In this webinar replay, learn how to",
                "Join our experts to discover how to",
                "This free guide shows you how to"
            ]),
            self.rng.pick(VERBS),
            self.sentence_subject(),
            self.rng.pick(&[
                "so you can deploy better quality software faster!",
                "without slowing your teams down.",
                "with lessons from hundreds of real-world deployments.",
                "and catch problems earlier in your delivery pipeline.",
            ])
        );
        self.out.push_str(&body);
        let len = self.rng.range(5, 10);
        let url = format!("http://ow.ly/{}", self.rng.alnum(len));
        self.links_after_prose(&[url]);
        self.out.push_str("\n\n");
    }

    /// "{adjective} {noun}", possibly with a qualifier.
    fn sentence_subject(&mut self) -> String {
        let mut s = format!("{} {}", self.rng.pick(ADJECTIVES), self.rng.pick(NOUNS));
        if self.rng.chance(0.35) {
            s.push(' ');
            s.push_str(&self.rng.pick(QUALIFIERS).replace("{tool}", self.rng.pick(TOOLS)));
        }
        s
    }

    /// A clause naming one of the topics, chosen by the drift odds (if any).
    fn topic_sentences(&mut self) -> Vec<String> {
        let odds = topic_odds(self.t);
        let mut out = Vec::new();
        for (i, phrases) in [DOCKER_PHRASES, KUBERNETES_PHRASES, UNIKERNEL_PHRASES].into_iter().enumerate() {
            if self.rng.chance(odds[i]) {
                out.push(self.rng.pick(phrases).replace("{tool}", self.rng.pick(TOOLS)));
            }
        }
        out
    }

    fn prose(&mut self) -> (String, String) {
        let subject = self.sentence_subject();
        let mut text = format!("{} {subject}", self.rng.pick(OPENERS));
        if self.rng.chance(0.5) {
            text.push(' ');
            text.push_str(
                &self
                    .rng
                    .pick(CONTEXTS)
                    .replace("{conf}", self.rng.pick(CONFERENCES))
                    .replace("{city}", self.rng.pick(CITIES)),
            );
        }
        text.push('.');
        let mut sentences: Vec<String> = (0..self.rng.range(1, 2))
            .map(|_| {
                let template = self.rng.pick(FOLLOW_UPS);
                let mut s = template.to_owned();
                while s.contains("{tool}") {
                    s = s.replacen("{tool}", self.rng.pick(TOOLS), 1);
                }
                while s.contains("{noun}") {
                    s = s.replacen("{noun}", self.rng.pick(NOUNS), 1);
                }
                s
            })
            .collect();
        for topic in self.topic_sentences() {
            let at = self.rng.below(sentences.len() + 1);
            sentences.insert(at, topic);
        }
        for s in sentences {
            text.push(' ');
            text.push_str(&s);
        }
        (text, subject)
    }

    fn article_url(&mut self, subject: &str) -> String {
        let slug = slug(subject);
        let d = self.date.checked_sub_days(Days::new(self.rng.below(7) as u64)).unwrap_or(self.date);
        match self.rng.below(9) {
            0 => format!("https://medium.com/@{}/{slug}-{}", self.rng.pick(USERS), self.rng.hex(12)),
            1 => format!("https://speakerdeck.com/{}/{slug}", self.rng.pick(USERS)),
            2 => format!("https://www.youtube.com/watch?v={}", self.rng.alnum(11)),
            3 => format!("http://www.slideshare.net/{}/{slug}", self.rng.pick(USERS)),
            4 => format!("https://github.com/{}/{slug}", self.rng.pick(USERS)),
            5 => format!("https://{}/blog/{slug}.html", self.rng.pick(DOMAINS)),
            _ => format!("https://{}/{}/{slug}/", self.rng.pick(DOMAINS), d.format("%Y/%m/%d")),
        }
    }

    fn news_item(&mut self) {
        let (text, subject) = self.prose();
        self.out.push_str(&text);
        if self.rng.chance(0.12) {
            // A second paragraph of prose before the links.
            let (more, _) = self.prose();
            self.out.push_str("\n\n");
            self.out.push_str(&more);
        }
        let mut urls = vec![self.article_url(&subject)];
        if self.rng.chance(0.15) {
            urls.push(self.article_url(&subject));
        }
        self.links_after_prose(&urls);
        self.out.push_str("\n\n");
    }

    fn tool_name(&mut self) -> String {
        let name = format!("{}{}", capitalise(self.rng.pick(SYLLABLES)), self.rng.pick(SYLLABLES));
        if self.rng.chance(0.2) { name.to_lowercase() } else { name }
    }

    fn tool_item(&mut self) {
        let name = self.tool_name();
        let mut text = format!(
            "{name} {} {} {}.",
            self.rng.pick(&[
                "is a new",
                "is an open source",
                "provides a",
                "is a simple",
                "is a lightweight",
                "is a promising"
            ]),
            self.rng.pick(&["tool for", "framework for", "service for", "command line tool for", "library for"]),
            self.sentence_subject()
        );
        for _ in 0..self.rng.range(1, 2) {
            text.push(' ');
            let mut s = self.rng.pick(TOOL_FOLLOW_UPS).to_owned();
            while s.contains("{tool}") {
                s = s.replacen("{tool}", self.rng.pick(TOOLS), 1);
            }
            text.push_str(&s);
        }
        for topic in self.topic_sentences() {
            text.push(' ');
            text.push_str(&topic);
        }
        self.out.push_str(&text);
        let user = self.rng.pick(USERS);
        let repo = slug(&name);
        let mut urls = Vec::new();
        if self.rng.chance(0.3) {
            urls.push(format!("https://{}/{}/introducing-{repo}/", self.rng.pick(DOMAINS), self.date.format("%Y/%m")));
        }
        urls.push(format!("https://github.com/{user}/{repo}"));
        self.links_after_prose(&urls);
        self.out.push_str("\n\n");
    }

    fn cncf_item(&mut self) {
        let project = self.rng.pick(&[
            "Linkerd",
            "Prometheus",
            "Fluentd",
            "OpenTracing",
            "gRPC",
            "CoreDNS",
            "containerd",
            "rkt",
            "CNI",
            "Envoy",
        ]);
        let title = format!(
            "{} {project} {}",
            self.rng.pick(&["An introduction to", "Free Webinar - Intro to", "Getting started with", "Deep dive:"]),
            self.rng.pick(&["with the maintainers", "", "for operators", "in production"])
        );
        self.out.push_str(title.trim_end());
        self.out.push_str("\n\n");
        let mut text = format!(
            "{project} is {} hosted project to join the CNCF. {} {} {}.",
            self.rng.pick(&["the latest", "a recently", "a popular", "an established"]),
            self.rng.pick(&["It brings", "The project offers", "Used by many companies, it provides"]),
            self.rng.pick(ADJECTIVES),
            self.rng.pick(NOUNS)
        );
        if self.rng.chance(0.5) {
            text.push_str(" Join leading Kubernetes, Prometheus and cloud native technologists for a broad range of technical sessions.");
        }
        self.out.push_str(&text);
        let url = format!("https://www.cncf.io/event/webinar-{}", slug(project));
        self.links_after_prose(&[url]);
        self.out.push_str("\n\n");
    }

    fn job_item(&mut self) {
        self.out.push_str(self.rng.pick(&[
            "Finding a Job Shouldn't Feel Like Work. Try Hired Today.",
            "We’re hiring site reliability engineers to help run our platform. Remote friendly.",
            "Looking for your next operations role? Hundreds of companies are hiring now.",
        ]));
        let url = format!("http://hrd.cm/{}", self.rng.alnum(7));
        self.links_after_prose(&[url]);
        self.out.push_str("\n\n");
    }

    fn event_item(&mut self) {
        let month = MONTHS[self.rng.below(12)];
        let day = ordinal(self.rng.range(1, 28) as u32);
        let conf = self.rng.pick(CONFERENCES);
        let text = format!(
            "{conf} is coming up in {} on {month} {day}, with {} talks on {} and {}. {}",
            self.rng.pick(CITIES),
            self.rng.pick(&["some interesting", "lots of excellent", "a strong line-up of", "several in-depth"]),
            self.rng.pick(NOUNS),
            self.rng.pick(NOUNS),
            self.rng.pick(&[
                "Tickets are 20% off for devops weekly readers.",
                "I have the good fortune to be speaking at this event.",
                "The call for papers is still open.",
                "Early bird tickets are available until the end of the month.",
            ])
        );
        self.out.push_str(&text);
        let url = format!("https://{}{}.{}", slug(conf), self.date.year(), self.rng.pick(&["com", "io", "org"]));
        self.links_after_prose(&[url]);
        self.out.push_str("\n\n");
    }
}

const INTRO_OPENERS: &[&str] = &[
    "Lots of",
    "A packed issue this week, with everything from",
    "Some solid advanced topics this week, with in-depth articles on",
    "More great conferences and more great content this week, covering",
    "A bit of a mixed bag this week, from",
    "Plenty of interesting material on",
    "A shorter issue this week, with posts on",
    "Thanks to everyone who sent in links this week on",
];

const INTRO_CLOSERS: &[&str] = &[
    " this week.",
    ", plus several interesting new software projects.",
    " front of mind.",
    ", and a few discussions worth following up on.",
    ", along with some great conference videos.",
];

const INTRO_EXTRAS: &[&str] = &[
    "I’m at {conf} in {city} all this coming week so if you’re there do say Hi.",
    "Lots of interesting events coming up this year too, with a couple of discounts for newsletter readers below.",
    "Thanks to the organisers of {conf} this week, a small event I was lucky enough to attend in {city}.",
    "Other content covers some ideas about meetings and deployment cadence.",
    "As always, if you have something you think should be included, just reply to this email.",
];

const SPONSORS: &[(&str, &str)] = &[
    ("Brightbox Cloud", "brightbox.com"),
    ("VictorOps", "try.victorops.com"),
    ("Datadog", "www.datadoghq.com"),
    ("PagerDuty", "www.pagerduty.com"),
    ("Loggly", "www.loggly.com"),
    ("Circonus", "www.circonus.com"),
    ("Librato", "www.librato.com"),
    ("Packet", "www.packet.net"),
    ("Rollbar", "rollbar.com"),
];

const SPONSOR_PITCHES: &[&str] = &[
    "the multi-zone cloud platform built for",
    "incident management designed for",
    "modern monitoring and analytics for",
    "real-time alerting that supports",
    "log management made for",
    "error tracking that gives you",
];

const SPONSOR_QUALITIES: &[&str] = &[
    "High Availability",
    "teams who value reliability",
    "dynamic cloud infrastructure",
    "fast-moving engineering organisations",
    "confident deploys",
];

const SPONSOR_OFFERS: &[&str] = &[
    "an SSD cloud server",
    "full-stack monitoring",
    "on-call scheduling for your whole team",
    "centralised logging",
    "real-time error alerts",
];

const OPENERS: &[&str] = &[
    "Interesting observations about",
    "A good post on",
    "An interesting look at",
    "A detailed write-up of",
    "Some solid advice on",
    "A presentation covering",
    "A nice introduction to",
    "An excellent article about",
    "A useful checklist for",
    "A thorough guide to",
    "A short but useful post on",
    "Lots of practical detail in this post on",
    "A good case study on",
    "A solid set of talks on",
    "An in-depth look at",
    "A handy overview of",
    "Some great examples of",
    "An experience report covering",
    "A good discussion of the trade-offs of",
    "A series of guest blog posts looking at",
    "A look at how one organisation approaches",
    "A nice write up of one team’s move to",
];

const ADJECTIVES: &[&str] = &[
    "distributed",
    "immutable",
    "continuous",
    "automated",
    "observable",
    "resilient",
    "serverless",
    "cloud native",
    "incremental",
    "zero-downtime",
    "large-scale",
    "multi-region",
    "self-service",
    "event-driven",
    "secure",
    "cost-effective",
    "reproducible",
    "blameless",
    "high-availability",
    "low-latency",
    "containerised",
    "declarative",
];

const NOUNS: &[&str] = &[
    "deployment pipelines",
    "configuration management",
    "incident response",
    "service discovery",
    "log aggregation",
    "capacity planning",
    "chaos engineering",
    "secrets management",
    "database migrations",
    "load balancing",
    "monitoring",
    "alerting",
    "on-call rotations",
    "postmortems",
    "infrastructure as code",
    "feature flags",
    "canary releases",
    "distributed tracing",
    "message queues",
    "time series storage",
    "service meshes",
    "build systems",
    "package management",
    "access control",
    "threat modelling",
    "retrospectives",
    "release engineering",
    "schema changes",
    "network automation",
    "storage",
    "cluster scheduling",
    "testing in production",
    "runbooks",
    "SLOs and error budgets",
];

const QUALIFIERS: &[&str] = &[
    "with {tool}",
    "using {tool}",
    "at scale",
    "for small teams",
    "in a microservices world",
    "on AWS",
    "on Google Cloud",
    "in regulated environments",
    "across multiple data centres",
    "for legacy applications",
];

const CONTEXTS: &[&str] = &[
    "from the recent {conf} conference",
    "from {conf} in {city}",
    "at a large e-commerce company",
    "at a fast-growing startup",
    "in a financial services organisation",
    "from the team at a well-known streaming service",
    "with plenty of code examples",
    "based on several years of experience",
];

const VERBS: &[&str] = &["optimise", "automate", "secure", "scale", "monitor", "simplify", "standardise", "test"];

const FOLLOW_UPS: &[&str] = &[
    "The post covers the why as well as the technical details of how.",
    "Some good examples of the impact of {noun} on {noun} too.",
    "Includes examples using {tool} and {tool}.",
    "Worth a read if you run {tool} in production.",
    "I’d love to see that studied with data from the field.",
    "The slides are worth a look even without the video.",
    "A good introduction to why this matters and a look at the current state of development.",
    "Lots of practical advice here, and a few things to avoid too.",
    "It’s always interesting to read solid experience reports covering the good and the still work-in-progress.",
    "The talk skims through years of research, picking out key concepts and papers for folks to read.",
    "Most of this applies whatever your choice of {tool} or {tool}.",
    "Some nice ideas about {noun} versus {noun} and the advantages of a shared language.",
    "The write-up includes details of {tool}, {tool} and {tool}.",
    "A useful reminder that {noun} is as much about people as technology.",
    "Look for the results in a future issue.",
    "There’s a good discussion in the comments too.",
    "Part one of a series, with more to come over the next few weeks.",
    "Interesting to see the numbers behind the decision.",
];

const TOOL_FOLLOW_UPS: &[&str] = &[
    "It provides a nice looking dashboard and a simple configuration file.",
    "It integrates with {tool} and {tool} out of the box.",
    "The README has a good overview of the design and some example workflows.",
    "It acts as a small agent alongside your application and reports to {tool}.",
    "It’s based on original research and has some nice features around federation.",
    "Written in Go, it ships as a single binary with no dependencies.",
    "Configuring {tool} can be a dark art, so this looks like a useful shortcut.",
    "It comes with plugins for {tool}, {tool} and more.",
    "Early days for the project, but one to watch.",
];

const DOCKER_PHRASES: &[&str] = &[
    "The examples all run in Docker containers.",
    "Includes a Dockerfile and a docker-compose setup to try it locally.",
    "This was one of the more interesting talks from DockerCon.",
    "There’s a section on building small Docker images too.",
    "It also covers the improving Docker security story and the renewed interest in Swarm.",
    "Useful if you are packaging {tool} with Docker.",
    "A good look at what a Docker image actually is under the hood.",
];

const KUBERNETES_PHRASES: &[&str] = &[
    "Everything here runs on Kubernetes.",
    "The post includes manifests and kubectl examples.",
    "This was one of the better talks from KubeCon.",
    "Includes a Helm chart for running it on a k8s cluster.",
    "A good comparison with the equivalent Kubernetes primitives.",
    "Useful if you are running {tool} on Kubernetes.",
    "The operator pattern for Kubernetes gets a good explanation here too.",
];

const UNIKERNEL_PHRASES: &[&str] = &[
    "It also looks at running the same service as a unikernel.",
    "A good introduction to why unikernels are interesting.",
    "The demo used MirageOS unikernels.",
];

const TOOLS: &[&str] = &[
    "Terraform",
    "Ansible",
    "Puppet",
    "Chef",
    "Consul",
    "Vault",
    "Prometheus",
    "Grafana",
    "Jenkins",
    "Nomad",
    "Packer",
    "Vagrant",
    "Elasticsearch",
    "Kafka",
    "Cassandra",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "nginx",
    "HAProxy",
    "Envoy",
    "Fluentd",
    "Zipkin",
    "Spinnaker",
    "CircleCI",
    "GitLab",
    "AWS Lambda",
    "CloudFormation",
    "SaltStack",
    "Mesos",
    "etcd",
    "ZooKeeper",
    "Sensu",
    "Nagios",
    "StatsD",
    "Graphite",
    "InfluxDB",
    "systemd",
];

const CONFERENCES: &[&str] = &[
    "Velocity",
    "Monitorama",
    "SREcon",
    "DevOpsDays",
    "QCon",
    "Craft",
    "dotScale",
    "DevSecCon",
    "Scale Summit",
    "Pipeline",
    "LISA",
    "OSCON",
];

const CITIES: &[&str] = &[
    "London",
    "Amsterdam",
    "San Francisco",
    "New York",
    "Berlin",
    "Paris",
    "Portland",
    "Budapest",
    "Dublin",
    "Austin",
];

const DOMAINS: &[&str] = &[
    "blog.example-ops.com",
    "engineering.example.org",
    "labs.spotify.com",
    "code.facebook.com",
    "blog.newrelic.com",
    "redmonk.com",
    "blog.cloudflare.com",
    "www.infoq.com",
    "techbeacon.com",
    "segment.com/blog",
    "githubengineering.com",
    "dropbox.tech",
    "slack.engineering",
    "blog.acolyer.org",
];

const USERS: &[&str] = &[
    "randommood",
    "garethr",
    "jfrazelle",
    "adriancockcroft",
    "mipsytipsy",
    "kelseyhightower",
    "copyconstruct",
    "tef",
    "spotify",
    "joyent",
    "hashicorp",
    "coreos",
    "netflix",
    "ms705",
];

const SYLLABLES: &[&str] = &[
    "stack", "pipe", "ship", "cloud", "log", "trace", "flow", "hive", "kit", "ops", "guard", "forge", "beam", "spark",
    "mesh", "port", "dash", "fleet", "drift", "scope", "lens", "hook", "sync", "vane", "keel", "helm", "raft", "tide",
    "bolt", "relay",
];
