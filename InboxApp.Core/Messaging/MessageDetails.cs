using System.Text.Json;
using System.Text.Json.Serialization;

namespace InboxApp.Core.Messaging;

/// <summary>
/// What a message carries beyond its text, as read from the webhook: the ad or product it came from, an order's items, a
/// flow's answers, errors WhatsApp reported, and the earlier texts of an edited message. Stored as one JSON column.
/// </summary>
public sealed record MessageDetails
{
    public AdReferral? Referral { get; init; }
    public ReferredProduct? ReferredProduct { get; init; }
    public OrderDetails? Order { get; init; }
    public FlowReply? Form { get; init; }
    public IReadOnlyList<ReportedError>? Errors { get; init; }
    /// <summary>The texts an edited message had before, oldest first (what agents saw).</summary>
    public IReadOnlyList<EarlierText>? EarlierTexts { get; init; }
    /// <summary>For a <c>system</c> message: the identifier before and after the change.</summary>
    public IdentityChange? IdentityChange { get; init; }
    /// <summary>
    /// <c>edit</c> or <c>revoke</c>: the message was stored from that change because it arrived before its original; the
    /// original's content fills it in when it arrives (the edit or the deletion is kept).
    /// </summary>
    public string? StandIn { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Referral is null && ReferredProduct is null && Order is null && Form is null && Errors is not { Count: > 0 }
        && EarlierTexts is not { Count: > 0 } && IdentityChange is null && StandIn is null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string? Serialize(MessageDetails? details) => details is null || details.IsEmpty ? null : JsonSerializer.Serialize(details, Json);

    public static MessageDetails? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<MessageDetails>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A click-to-WhatsApp ad or post the customer came from (<c>referral</c>).</summary>
public sealed record AdReferral(string? SourceUrl, string? SourceType, string? SourceId, string? Headline, string? Body,
    string? MediaType, string? MediaUrl, string? ThumbnailUrl, string? ClickId);

/// <summary>The catalog product a customer asks about (<c>context.referred_product</c>).</summary>
public sealed record ReferredProduct(string? CatalogId, string? ProductRetailerId);

/// <summary>An order sent from a catalog: its items and, when every item has a price, the total.</summary>
public sealed record OrderDetails(string? CatalogId, string? Text, IReadOnlyList<OrderItem> Items, decimal? Total, string? Currency);

public sealed record OrderItem(string? ProductRetailerId, decimal Quantity, decimal? ItemPrice, string? Currency);

/// <summary>A WhatsApp Flow's reply (<c>interactive.nfm_reply</c>): the answers as fields.</summary>
public sealed record FlowReply(string? Name, string? Body, IReadOnlyList<FormField> Fields);

/// <summary>One answer of a flow: the field's key, a readable label and the value as text.</summary>
public sealed record FormField(string Name, string Label, string Value);

/// <summary>An entry of a webhook's <c>errors</c> array.</summary>
public sealed record ReportedError(string? Code, string? Title, string? Message, string? Details);

public sealed record EarlierText(string? Text, DateTimeOffset Until);

/// <summary>A customer's changed phone number (<c>user_changed_number</c>) or business-scoped user id (<c>user_changed_user_id</c>).</summary>
public sealed record IdentityChange(string Kind, string? From, string? To);
