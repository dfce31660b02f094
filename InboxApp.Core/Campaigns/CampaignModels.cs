using System.Text.Json.Serialization;

namespace InboxApp.Core.Campaigns;

public static class CampaignErrors
{
    public const string WrongStatus = "CAMPAIGN_WRONG_STATUS";
    public const string NoRecipients = "CAMPAIGN_NO_RECIPIENTS";
    public const string JobsDisabled = "JOBS_DISABLED";
}

/// <summary>A recipient as given: the phone and, optionally, its own template values (<c>{"1": "Ana"}</c>).</summary>
public sealed record CampaignRecipientInput(string? Phone, Dictionary<string, string?>? Variables);

/// <summary>
/// Contacts of the campaign's number chosen by their fields: <c>category</c>, <c>search</c> (part of the name or phone) and
/// <c>attributes</c> (each custom attribute must have that value).
/// </summary>
public sealed record CampaignContactFilter(string? Category, string? Search, Dictionary<string, string>? Attributes);

/// <summary>
/// What a new campaign needs. The audience is one of: <see cref="Recipients"/>, <see cref="TagId"/> (the contacts of the
/// conversations carrying that tag), <see cref="ContactFilter"/> or CSV rows. <see cref="Variables"/> gives values for
/// every recipient: literal text, or <c>{{contact.name}}</c>, <c>{{contact.phone}}</c>, <c>{{attributes.key}}</c> read
/// from the recipient's contact; a recipient's own variables win.
/// </summary>
public sealed record CampaignInput(
    string Name,
    Guid TemplateId,
    Guid? PhoneNumberId,
    IReadOnlyList<CampaignRecipientInput>? Recipients,
    Guid? TagId,
    CampaignContactFilter? ContactFilter,
    IReadOnlyDictionary<string, string?>? Variables,
    DateTimeOffset? ScheduledAt,
    bool SendNow);

/// <summary>A row that was not added: its number in the list (1-based; for a CSV, the line), the phone as given and why.</summary>
public sealed record CampaignRowProblem(int Row, string? Phone, string Reason);

public sealed record CampaignImportReport(int Accepted, int Rejected, IReadOnlyList<CampaignRowProblem> Problems);

public sealed record CampaignCounts(int Total, int Pending, int Sending, int Sent, int Delivered, int Read, int Replied, int Failed, int Skipped, int Unknown)
{
    /// <summary>Reached Meta at least as far as SENT (sent, delivered, read or replied).</summary>
    public int Reached => Sent + Delivered + Read + Replied;

    public static CampaignCounts From(IEnumerable<(CampaignRecipientStatus Status, int Count)> groups)
    {
        var d = groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        int Of(CampaignRecipientStatus s) => d.GetValueOrDefault(s);
        return new CampaignCounts(d.Values.Sum(), Of(CampaignRecipientStatus.PENDING), Of(CampaignRecipientStatus.SENDING), Of(CampaignRecipientStatus.SENT),
            Of(CampaignRecipientStatus.DELIVERED), Of(CampaignRecipientStatus.READ), Of(CampaignRecipientStatus.REPLIED), Of(CampaignRecipientStatus.FAILED),
            Of(CampaignRecipientStatus.SKIPPED), Of(CampaignRecipientStatus.UNKNOWN));
    }
}

public sealed record CampaignDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    string TemplateName,
    string Language,
    Guid PhoneNumberId,
    CampaignStatus Status,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? PausedAt,
    string? PauseReason,
    DateTimeOffset? CompletedAt,
    Guid? CreatedById,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CampaignCounts Counts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CampaignImportReport? Report = null);

public sealed record CampaignRecipientDto(
    Guid Id,
    string Phone,
    CampaignRecipientStatus Status,
    IReadOnlyDictionary<string, string> Variables,
    Guid? MessageId,
    string? WaMessageId,
    Guid? ConversationId,
    int Attempts,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? FailedAt,
    string? ErrorCode,
    string? ErrorTitle,
    string? SkipReason);

/// <summary>A campaign with one page of its recipients.</summary>
public sealed record CampaignDetailDto(CampaignDto Campaign, IReadOnlyList<CampaignRecipientDto> Recipients, int Page, int Limit, int RecipientsTotal);

public sealed record CampaignFailureReason(string? Code, string? Title, int Count);

/// <summary>The funnel of one campaign: counts, rates over what reached Meta, and the failures by Meta's error.</summary>
public sealed record CampaignStatsDto(Guid CampaignId, CampaignStatus Status, CampaignCounts Counts, double DeliveryRate, double ReadRate, double ReplyRate,
    IReadOnlyList<CampaignFailureReason> FailureReasons);

/// <summary>All campaigns of the organization together.</summary>
public sealed record CampaignGlobalStatsDto(int Campaigns, IReadOnlyDictionary<string, int> ByStatus, CampaignCounts Counts, double DeliveryRate, double ReadRate,
    double ReplyRate);

public enum CampaignBulkAction { Delete, Pause, Resume, Cancel }

public sealed record CampaignBulkSkip(Guid Id, string Reason);

public sealed record CampaignBulkResult(int Done, IReadOnlyList<CampaignBulkSkip> Skipped);
