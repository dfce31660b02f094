using System.Text.Json;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>
/// Which changes raise which alerts: quality and messaging limit changes of a number (from the quality webhook or a health
/// check), <c>account_update</c> (restrictions, bans, violations, removed access) and template status webhooks.
/// </summary>
public static class ChannelAlertRules
{
    private static readonly string[] Tiers = ["TIER_50", "TIER_250", "TIER_1K", "TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"];

    /// <summary>Alerts for a number whose quality or messaging limit changed (call after the new values are set).</summary>
    public static IEnumerable<ChannelAlert> ForNumberChange(PhoneNumber number, string previousQuality, string? previousTier, string? eventName, DateTimeOffset now)
    {
        var who = number.DisplayPhoneNumber;
        var ev = eventName?.ToUpperInvariant();
        // UPGRADE and DOWNGRADE are about the messaging limit, not the rating.
        var limitEvent = ev is "UPGRADE" or "DOWNGRADE" or "ONBOARDING";
        if (!limitEvent && QualityAlert(number, previousQuality, ev, now) is { } qualityAlert) yield return qualityAlert;

        var tier = number.MessagingLimitTier;
        var direction = ev is "UPGRADE" or "DOWNGRADE" ? ev
            : tier is not null && previousTier is not null && tier != previousTier ? (Rank(tier) > Rank(previousTier) ? "UPGRADE" : "DOWNGRADE")
            : null;
        if (direction == "DOWNGRADE")
            yield return New(number, ChannelAlertKind.LIMIT, ChannelAlertSeverity.WARNING, $"Messaging limit lowered on {who}",
                $"Business-initiated conversations per 24 hours: {Describe(previousTier)} → {Describe(tier)}.", now);
        else if (direction == "UPGRADE")
            yield return New(number, ChannelAlertKind.LIMIT, ChannelAlertSeverity.INFO, $"Messaging limit raised on {who}",
                $"Business-initiated conversations per 24 hours: {Describe(previousTier)} → {Describe(tier)}.", now);
    }

    private static ChannelAlert? QualityAlert(PhoneNumber number, string previousQuality, string? ev, DateTimeOffset now)
    {
        var who = number.DisplayPhoneNumber;
        var quality = number.QualityRating;
        if (ev == "FLAGGED" || (quality == "FLAGGED" && previousQuality != "FLAGGED"))
            return New(number, ChannelAlertKind.QUALITY, ChannelAlertSeverity.CRITICAL, $"Quality flagged on {who}",
                "Meta flagged this number for low quality. If quality does not improve within 7 days its messaging limit is lowered. " +
                "Review recent template sends and opt-outs.", now);
        if (ev == "RED" || (quality == "RED" && previousQuality != "RED"))
            return New(number, ChannelAlertKind.QUALITY, ChannelAlertSeverity.CRITICAL, $"Quality is low (red) on {who}",
                "Customers are blocking or reporting this number. Sending templates risks a lower messaging limit.", now);
        if (ev == "YELLOW" || (quality == "YELLOW" && previousQuality == "GREEN"))
            return New(number, ChannelAlertKind.QUALITY, ChannelAlertSeverity.WARNING, $"Quality is medium (yellow) on {who}",
                "The quality rating dropped from green. Watch block and report rates.", now);
        if (ev == "UNFLAGGED")
            return New(number, ChannelAlertKind.QUALITY, ChannelAlertSeverity.INFO, $"Quality restored on {who}", "Meta no longer flags this number.", now);
        return null;
    }

    /// <summary>Meta refused an access token: the stored one (found by a health check) or a new one entered on update.</summary>
    public static ChannelAlert TokenRefused(Guid organizationId, Guid accountId, string alias, string metaMessage, DateTimeOffset now, bool newToken = false) => new()
    {
        OrganizationId = organizationId, AccountId = accountId, Kind = ChannelAlertKind.TOKEN,
        Severity = newToken ? ChannelAlertSeverity.WARNING : ChannelAlertSeverity.CRITICAL,
        Title = Cut(newToken ? $"New access token refused for {alias}" : $"Access token refused for {alias}", ChannelAlert.MaxTitleLength),
        Details = Cut((newToken
            ? "An access token entered for this account was refused by Meta and not saved; the previous token is kept. Meta said: "
            : "Meta refused the account's access token, so messages cannot be sent or checked. Update the token. Meta said: ") + metaMessage,
            ChannelAlert.MaxDetailsLength),
        CreatedAt = now,
    };

    public static ChannelAlert RegistrationFailed(PhoneNumber number, string metaMessage, DateTimeOffset now) =>
        New(number, ChannelAlertKind.REGISTRATION, ChannelAlertSeverity.WARNING, $"Registration failed for {number.DisplayPhoneNumber}",
            "The account is connected but the number could not be registered with the Cloud API, so it cannot send or receive yet. Meta said: " + metaMessage, now);

    /// <summary>
    /// Applies the alerting webhook fields that are not about messages: <c>account_update</c> and
    /// <c>message_template_status_update</c>, <c>message_template_quality_update</c> and <c>template_category_update</c>: raises
    /// <see cref="WhatsAppAccountUpdated"/>, <see cref="TemplateStatusChanged"/>, <see cref="TemplateQualityChanged"/> or
    /// <see cref="TemplateCategoryChanged"/> (alerts come from <see cref="AccountAlertListener"/>; the templates feature updates
    /// its rows from the same events). Returns the organization
    /// the change was routed to, if any.
    /// </summary>
    public static async Task<Guid?> ApplyWebhookAsync(InboxDb inboxDb, ParsedChange change, DateTimeOffset now, CancellationToken ct)
    {
        if (change.Field is not ("account_update" or "message_template_status_update" or "message_template_quality_update" or "template_category_update")) return null;
        using var doc = JsonDocument.Parse(change.RawValueJson);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return null;
        await using var db = inboxDb.System();
        var account = await db.WhatsAppAccounts.AsNoTracking()
            .Where(a => a.WabaId == change.WabaId && a.Status == WhatsAppAccountStatus.CONNECTED)
            .OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(ct);
        if (account is null) return null;
        if (change.Field == "account_update")
        {
            var ban = root.TryGetProperty("ban_info", out var b) && b.ValueKind == JsonValueKind.Object ? Str(b, "waba_ban_state") : null;
            var restrictions = root.TryGetProperty("restriction_info", out var r) && r.ValueKind == JsonValueKind.Array
                ? string.Join(", ", r.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Object ? Str(x, "restriction_type") : null).OfType<string>())
                : "";
            var violation = root.TryGetProperty("violation_info", out var v) && v.ValueKind == JsonValueKind.Object ? Str(v, "violation_type") : null;
            db.Raise(new WhatsAppAccountUpdated(account.OrganizationId, account.Id, Str(root, "event")?.ToUpperInvariant(), ban, restrictions, violation,
                change.EntryTime ?? now, now));
        }
        else if (change.Field == "message_template_quality_update")
        {
            if (Str(root, "new_quality_score")?.ToUpperInvariant() is not { } quality) return null;
            db.Raise(new TemplateQualityChanged(account.OrganizationId, account.Id, Str(root, "message_template_id"), Str(root, "message_template_name"),
                Str(root, "message_template_language"), Str(root, "previous_quality_score")?.ToUpperInvariant(), quality));
        }
        else if (change.Field == "template_category_update")
        {
            if (Str(root, "new_category")?.ToUpperInvariant() is not { } category) return null;
            db.Raise(new TemplateCategoryChanged(account.OrganizationId, account.Id, Str(root, "message_template_id"), Str(root, "message_template_name"),
                Str(root, "message_template_language"), Str(root, "previous_category")?.ToUpperInvariant(), category));
        }
        else if (Str(root, "event")?.ToUpperInvariant() is { } status)
        {
            db.Raise(new TemplateStatusChanged(account.OrganizationId, account.Id, Str(root, "message_template_id"), Str(root, "message_template_name"),
                Str(root, "message_template_language"), status, Str(root, "reason")));
        }
        await db.SaveChangesAsync(ct);
        return account.OrganizationId;
    }

    /// <summary>The alert for an <c>account_update</c>, if it deserves one.</summary>
    public static ChannelAlert? ForAccountUpdate(WhatsAppAccount account, WhatsAppAccountUpdated e, DateTimeOffset now)
    {
        var (ev, ban, restrictions, violation) = (e.EventName, e.BanState, e.Restrictions ?? "", e.Violation);
        (ChannelAlertSeverity Severity, string Title, string Details)? alert = (ev, ban) switch
        {
            (_, "DISABLE") => (ChannelAlertSeverity.CRITICAL, "WhatsApp account disabled", "Meta disabled this WhatsApp Business account: it cannot send or receive messages."),
            (_, "SCHEDULE_FOR_DISABLE") => (ChannelAlertSeverity.CRITICAL, "WhatsApp account scheduled to be disabled", "Meta scheduled this account to be disabled. Appeal in Business Manager."),
            (_, "REINSTATE") => (ChannelAlertSeverity.INFO, "WhatsApp account reinstated", "Meta reinstated this account."),
            ("ACCOUNT_RESTRICTION", _) => (ChannelAlertSeverity.CRITICAL, "WhatsApp account restricted",
                "Meta restricted this account" + (restrictions.Length > 0 ? $" ({restrictions})" : "") + ": business-initiated messages may be blocked."),
            ("ACCOUNT_VIOLATION", _) => (ChannelAlertSeverity.WARNING, "Policy violation on the WhatsApp account",
                "Meta reported a policy violation" + (violation is not null ? $" ({violation})" : "") + ". Repeated violations lead to restrictions."),
            ("ACCOUNT_DELETED", _) => (ChannelAlertSeverity.CRITICAL, "WhatsApp account deleted", "Meta reports this account as deleted."),
            ("PARTNER_REMOVED", _) => (ChannelAlertSeverity.CRITICAL, "Access to the WhatsApp account was removed",
                "The business removed our access to this account: reconnect it to keep messaging."),
            ("DISABLED_UPDATE", _) => (ChannelAlertSeverity.WARNING, "WhatsApp account status changed", "Meta changed this account's disabled status."),
            _ => null,
        };
        if (alert is not { } a) return null;
        return new ChannelAlert
        {
            OrganizationId = account.OrganizationId, AccountId = account.Id, Kind = ChannelAlertKind.ACCOUNT, Severity = a.Severity,
            Title = Cut($"{a.Title}: {account.Alias}", ChannelAlert.MaxTitleLength), Details = Cut(a.Details, ChannelAlert.MaxDetailsLength), CreatedAt = now,
        };
    }

    /// <summary>The alert for a template's new status, if it deserves one.</summary>
    public static ChannelAlert? ForTemplateStatus(WhatsAppAccount account, TemplateStatusChanged e, DateTimeOffset now)
    {
        var ev = e.Status;
        var severity = ev switch
        {
            "REJECTED" or "DISABLED" or "LOCKED" => ChannelAlertSeverity.CRITICAL,
            "PAUSED" or "FLAGGED" or "LIMIT_EXCEEDED" => ChannelAlertSeverity.WARNING,
            _ => (ChannelAlertSeverity?)null,
        };
        if (severity is null) return null;
        var name = e.TemplateName ?? e.TemplateId ?? "a template";
        var language = e.Language;
        var reason = e.Reason;
        return new ChannelAlert
        {
            OrganizationId = account.OrganizationId, AccountId = account.Id, Kind = ChannelAlertKind.TEMPLATE, Severity = severity.Value,
            Title = Cut($"Template {name}{(language is null ? "" : $" ({language})")} {ev!.ToLowerInvariant().Replace('_', ' ')}", ChannelAlert.MaxTitleLength),
            Details = Cut($"Meta set the template's status to {ev}" + (reason is null or "NONE" ? "." : $" (reason: {reason}).") + $" Account: {account.Alias}.", ChannelAlert.MaxDetailsLength),
            CreatedAt = now,
        };
    }

    /// <summary>A template whose quality fell to RED (Meta pauses such templates) or YELLOW deserves a warning.</summary>
    public static ChannelAlert? ForTemplateQuality(WhatsAppAccount account, TemplateQualityChanged e, DateTimeOffset now)
    {
        if (e.Quality is not ("RED" or "YELLOW")) return null;
        var name = e.TemplateName ?? e.TemplateId ?? "a template";
        return new ChannelAlert
        {
            OrganizationId = account.OrganizationId, AccountId = account.Id, Kind = ChannelAlertKind.TEMPLATE,
            Severity = e.Quality == "RED" ? ChannelAlertSeverity.CRITICAL : ChannelAlertSeverity.WARNING,
            Title = Cut($"Template {name}{(e.Language is null ? "" : $" ({e.Language})")} quality {e.Quality.ToLowerInvariant()}", ChannelAlert.MaxTitleLength),
            Details = Cut($"Meta rated the template's quality {e.Quality}" + (e.PreviousQuality is null ? "." : $" (was {e.PreviousQuality}).")
                + " Customers are blocking or reporting it; Meta pauses templates of low quality.", ChannelAlert.MaxDetailsLength),
            CreatedAt = now,
        };
    }

    private static ChannelAlert New(PhoneNumber number, ChannelAlertKind kind, ChannelAlertSeverity severity, string title, string details, DateTimeOffset now) => new()
    {
        OrganizationId = number.OrganizationId, AccountId = number.AccountId, PhoneNumberId = number.Id, Kind = kind, Severity = severity,
        Title = Cut(title, ChannelAlert.MaxTitleLength), Details = Cut(details, ChannelAlert.MaxDetailsLength), CreatedAt = now,
    };

    private static int Rank(string tier) => Array.IndexOf(Tiers, tier.ToUpperInvariant());

    private static string Describe(string? tier) => tier?.ToUpperInvariant() switch
    {
        null => "unknown",
        "TIER_UNLIMITED" => "unlimited",
        { } t when t.StartsWith("TIER_", StringComparison.Ordinal) => t[5..],
        { } t => t,
    };

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p.ValueKind switch { JsonValueKind.String => p.GetString(), JsonValueKind.Number => p.GetRawText(), _ => null } : null;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
