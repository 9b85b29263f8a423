"""Site service (written ns1 on the wire): GetSite, SetSite, LstTimeZone."""

from __future__ import annotations

from explorer.sandbox import tz
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.wire import Fault, el, group
from explorer.sandbox.xmlreq import Element, boolean, integer

# site option name -> (GetSite section, element)
OPTIONS = {
    "return_scheduled_pmr": ("siteCommonOptions", "SupportXMLAPIReturnScheduledPMR"),
    "meeting_password_required": ("securityOptions", "allMeetingsPassword"),
    "email_verification": ("securityOptions", "requireEmailChangeVerification"),
}


@handler("site", "GetSite", readonly=True)
def get_site(ctx: Ctx, body: Element) -> str:
    ctx.require_user()
    active = ctx.conn.execute("SELECT COUNT(*) FROM users WHERE active = 1").fetchone()[0]
    common = [el("ns1:SupportCustomDialRestriction", False), el("ns1:SupportTelePresence", False)]
    if ctx.has("scheduled-pmr"):
        common.append(el("ns1:SupportXMLAPIReturnScheduledPMR",
                         ctx.option("return_scheduled_pmr")))
    security = [el("ns1:passwordExpires", False), el("ns1:passwordLifetime", 0),
                el("ns1:allMeetingsUnlisted", False),
                el("ns1:allMeetingsPassword", ctx.option("meeting_password_required")),
                el("ns1:joinBeforeHost", False), el("ns1:audioBeforeHost", False)]
    if ctx.has("email-verification"):
        security.append(el("ns1:requireEmailChangeVerification",
                           ctx.option("email_verification")))
    return group(
        "ns1:siteInstance",
        group("ns1:metaData", el("ns1:isEnterprise", True),
              el("ns1:siteName", ctx.app.site_name),
              el("ns1:brandName", ctx.app.site_name), el("ns1:region", "U.S."),
              el("ns1:currency", "US Dollars"), el("ns1:timeZoneID", tz.DEFAULT_TIMEZONE_ID),
              el("ns1:timeZone", tz.label(tz.DEFAULT_TIMEZONE_ID)),
              el("ns1:webDomain", "sandbox"), el("ns1:meetingDomain", "sandbox"),
              el("ns1:pageVersion", f"T{ctx.version.major}L"),
              el("ns1:clientVersion", str(ctx.version)), el("ns1:pageLanguage", "ENGLISH"),
              el("ns1:activateStatus", True), el("ns1:activeUserCount", active)),
        group("ns1:siteCommonOptions", *common),
        group("ns1:securityOptions", *security),
    )


@handler("site", "SetSite")
def set_site(ctx: Ctx, body: Element) -> str:
    if not ctx.require_user().is_site_admin:
        raise Fault("000001", "Access denied, additional privileges are required")
    for name, (section, element) in OPTIONS.items():
        if name == "return_scheduled_pmr" and not ctx.has("scheduled-pmr"):
            continue
        value = boolean(body, f"siteInstance/{section}/{element}")
        if value is not None:
            ctx.app.set_option(ctx.conn, name, value)
    return ""


@handler("site", "LstTimeZone", readonly=True)
def lst_time_zone(ctx: Ctx, body: Element) -> str:
    wanted = integer(body, "timeZoneID")
    ids = [wanted] if wanted is not None else list(tz.all_ids())
    if wanted is not None and not tz.valid(wanted):
        raise Fault("000000", f"Invalid timeZoneID {wanted}")
    return "".join(
        group("ns1:timeZone", el("ns1:timeZoneID", tz_id),
              el("ns1:gmtOffset", tz.offset_minutes(tz_id)),
              el("ns1:description", tz.label(tz_id)),
              el("ns1:shortName", tz.short_offset(tz_id)),
              el("ns1:hideTimeZoneName", False), el("ns1:fallInDST", False))
        for tz_id in ids
    )
