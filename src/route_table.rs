//! Every route of the app and the part (split module) its page's code is in: plain
//! data, read by the build (`xtask`, which writes a page file per route that preloads
//! the part's modules) and checked against the UI's route table (`ui::app`) by a
//! browser test, so the two cannot drift apart. `FIRST` is the first download.

/// The part that is in the first download (the home page).
pub const FIRST: &str = "first";

/// `(pattern, part)` for every route, in the router's order.
pub const ROUTES: &[(&str, &str)] = &[
    ("/", FIRST),
    ("/id/new", "id"),
    ("/id/verify", "id"),
    ("/signin", "id"),
    ("/id/reset", "id"),
    ("/id/profile", "id"),
    ("/mail", "mail"),
    ("/mail/:id", "mail"),
    ("/sites", "sites"),
    ("/sites/request", "sites"),
    ("/sites/help", "sites"),
    ("/sites/info/:page", "sites"),
    ("/sites/:site", "sites"),
    ("/sites/:site/contacts", "sites"),
    ("/sites/:site/access", "sites"),
    ("/sites/:site/documents", "sites"),
    ("/sites/:site/report", "sites"),
    ("/office/sites", "office"),
    ("/office/help", "office"),
    ("/partner", "partner"),
    ("/partner/benefits", "partner"),
    ("/partner/pps", "partner"),
    ("/partner/steps", "partner"),
    ("/partner/contact", "partner"),
    ("/partner/apply", "partner"),
    ("/partner/associate", "partner"),
    ("/partner/company", "partner"),
    ("/partner/me", "partner"),
    ("/partner/home", "partner"),
    ("/office/applications", "office"),
    ("/office", "office"),
    ("/office/audit", "office"),
    ("/data", "data"),
    ("/office/companies", "office"),
    ("/office/ids", "office"),
];
