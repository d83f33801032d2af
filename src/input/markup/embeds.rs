//! The pages that embeds show: what a YouTube, Vimeo, tweet, Instagram or
//! gist shortcode (or a tag with a URL parameter), an embedded tweet or an
//! iframe stands for, kept as a link when the markup goes.

/// The value of attribute `name` in an HTML tag.
pub(super) fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest.len() + 1;
        let value = tag[value_at..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_owned(),
            _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or("").to_owned(),
        });
    }
    None
}

/// The link to the tweet itself in an embedded tweet: the last link to a
/// `/status/` page, else the last link.
pub(super) fn tweet_url(html: &str) -> Option<String> {
    let mut urls = Vec::new();
    let lower = html.to_ascii_lowercase();
    for (at, _) in lower.match_indices("href") {
        // From the whitespace before the name, as `attribute` wants it.
        let before = lower[..at].bytes().rev().take_while(u8::is_ascii_whitespace).count();
        if before > 0
            && let Some(url) = attribute(&html[at - 1..], "href")
        {
            urls.push(url.replace("&amp;", "&"));
        }
    }
    urls.retain(|u| is_url(u));
    urls.iter().rev().find(|u| u.contains("/status/")).or(urls.last()).cloned()
}

/// An absolute http(s) URL that an autolink can hold.
pub(super) fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && text.len() > 8
        && !text.contains(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}

/// The pages a tag embeds: the URL its name and parameters stand for
/// (YouTube, Vimeo, tweets, Instagram, gists), else every parameter value
/// that is an http(s) URL.
pub(super) fn embed_urls(name: &str, args: &str) -> Vec<String> {
    let params = parameters(args);
    let named = |key: &str| params.iter().find(|(k, _)| k.is_some_and(|k| k.eq_ignore_ascii_case(key))).map(|p| p.1);
    let positional: Vec<&str> = params.iter().filter(|(k, _)| k.is_none()).map(|p| p.1).collect();
    let is_id = |s: &&str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-');
    let id = named("id").or(positional.first().copied()).filter(is_id);
    let embed = match name.to_ascii_lowercase().as_str() {
        "youtube" => id.map(|id| format!("https://www.youtube.com/watch?v={id}")),
        "vimeo" => id.map(|id| format!("https://vimeo.com/{id}")),
        "instagram" => id.map(|id| format!("https://www.instagram.com/p/{id}/")),
        "x" | "tweet" | "twitter" => {
            let (user, id) = match (named("user"), named("id"), positional.as_slice()) {
                (user, Some(id), _) => (user, Some(id)),
                (None, None, [user, id, ..]) => (Some(*user), Some(*id)),
                (user, None, [id]) => (user, Some(*id)),
                _ => (None, None),
            };
            let host = if name.eq_ignore_ascii_case("x") { "x.com" } else { "twitter.com" };
            match (user.filter(is_id), id.filter(|id| id.bytes().all(|c| c.is_ascii_digit()) && !id.is_empty())) {
                (Some(user), Some(id)) => Some(format!("https://{host}/{user}/status/{id}")),
                (None, Some(id)) => Some(format!("https://{host}/i/web/status/{id}")),
                _ => None,
            }
        }
        "gist" => match positional.as_slice() {
            [user, id, ..] if is_id(user) && is_id(id) => Some(format!("https://gist.github.com/{user}/{id}")),
            _ => None,
        },
        _ => None,
    };
    match embed {
        Some(url) => vec![url],
        None => params.iter().map(|p| p.1).filter(|v| is_url(v)).map(str::to_owned).collect(),
    }
}

/// The parameters of a tag: `key=value` or positional values, quoted with
/// `"`, `'` or `` ` `` or bare.
fn parameters(args: &str) -> Vec<(Option<&str>, &str)> {
    let mut params = Vec::new();
    let mut rest = args.trim_start();
    while !rest.is_empty() {
        let key_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        let (key, after) = match rest[key_len..].trim_start().strip_prefix('=') {
            Some(after) if key_len > 0 => (Some(&rest[..key_len]), after.trim_start()),
            _ => (None, rest),
        };
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], &after[end + 2..]),
                None => (&after[1..], ""),
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        params.push((key, value));
        rest = next.trim_start();
    }
    params
}
