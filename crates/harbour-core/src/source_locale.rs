//! Whether a source address is another country's or another language's copy
//! of a page. Harbour cites the UK or plain-English page; where a source is a
//! foreign copy, the guide must say why it was kept.

use url::Url;

/// ISO 639-1 language codes.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";
/// ISO 3166-1 alpha-2 country codes.
const COUNTRIES: &str = "ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";
/// Query parameters sites use to choose a language or country.
const LOCALE_PARAMS: &[&str] = &["hl", "gl", "lang", "language", "locale", "ln", "lng", "setlang", "mkt"];
/// What counts as the UK or plain-English page.
const OURS: &[&str] = &["en", "en-gb", "gb", "uk", "en-uk"];

fn listed(list: &str, code: &str) -> bool {
    list.split(' ').any(|c| c == code)
}

/// `tag` read as a locale (`th`, `en-US`, `kk_KZ`, `zh-hans`, `my`), or None
/// when it does not look like one.
fn locale(tag: &str) -> Option<String> {
    let t = tag.to_ascii_lowercase().replace('_', "-");
    let mut parts = t.split('-');
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let looks = match rest.as_slice() {
        [] => first.len() == 2 && (listed(LANGUAGES, first) || listed(COUNTRIES, first)),
        [region] => {
            first.len() == 2 && listed(LANGUAGES, first) && ((region.len() == 2 && listed(COUNTRIES, region)) || matches!(*region, "hans" | "hant" | "latn" | "americas" | "uk"))
        }
        _ => false,
    };
    looks.then_some(t)
}

/// Names the foreign locale in `url` (a country path such as `/en-au/`, a
/// language path such as `/hc/da/`, a first host label such as `de.`, or a
/// `hl=id`-style parameter), or None for a UK or plain-English address.
pub fn foreign_locale(url: &Url) -> Option<String> {
    let foreign = |t: String| (!OURS.contains(&t.as_str())).then_some(t);
    let from_query = url.query_pairs().find(|(k, _)| LOCALE_PARAMS.contains(&k.to_ascii_lowercase().as_str())).and_then(|(_, v)| foreign(v.to_ascii_lowercase().replace('_', "-")));
    let from_path = url.path_segments().into_iter().flatten().take(3).filter_map(locale).find_map(foreign);
    let host = url.host_str().unwrap_or("");
    let from_host = host.split('.').next().filter(|_| host.matches('.').count() >= 2).and_then(|label| locale(label.trim_end_matches("-support"))).and_then(foreign);
    from_query.or(from_path).or(from_host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(u: &str) -> Option<String> {
        foreign_locale(&Url::parse(u).unwrap())
    }

    #[test]
    fn uk_and_plain_english_pages_pass() {
        for u in [
            "https://support.apple.com/en-gb/HT201089",
            "https://help.snapchat.com/hc/en-gb/articles/7012343074580",
            "https://support.google.com/youtube/answer/157177?hl=en-GB",
            "https://support.google.com/youtube/answer/157177?hl=en",
            "https://en.help.roblox.com/hc/en-gb/articles/1",
            "https://www.internetmatters.org/hub/guidance/",
            "https://help.instagram.com/1",
            "https://support.discord.com/hc/articles/115000068672",
            "https://www.nspcc.org.uk/keeping-children-safe/online-safety/",
            "https://safety.twitch.tv/s/article/Guide-Parents-Educators",
            "https://www.gov.uk/government/publications/x",
        ] {
            assert_eq!(of(u), None, "{u}");
        }
    }

    #[test]
    fn other_countries_and_languages_are_named() {
        for (u, found) in [
            ("https://support.google.com/youtube/answer/157177?hl=id", "id"),
            ("https://www.epicgames.com/help/th/c-Category_Fortnite/a000086135?lang=th", "th"),
            ("https://faq.whatsapp.com/1142481766359885/?locale=kk_KZ&cms_platform=iphone", "kk-kz"),
            ("https://www.xbox.com/en-NZ/family-hub/child-account", "en-nz"),
            ("https://nintendo.com/my/parents/switch/age/hold.html", "my"),
            ("https://pegi.info/cs/search-pegi?q=", "cs"),
            ("https://help.snapchat.com/hc/da/articles/7121384944788", "da"),
            ("https://support.apple.com/en-au/HT201089", "en-au"),
            ("https://support.discord.com/hc/en-us/articles/115000068672", "en-us"),
            ("https://help.pinterest.com/zh-hans/article/manage-a-parental-passcode", "zh-hans"),
            ("https://de.blog.twitch.tv/en/2023/06/20/x/", "de"),
            ("https://en-americas-support.nintendo.com/app/answers/detail/a_id/22447", "en-americas"),
            ("https://safety.twitch.tv/s/article/Guide?language=en_US", "en-us"),
        ] {
            assert_eq!(of(u).as_deref(), Some(found), "{u}");
        }
    }
}
