using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>What Meta told us about a number and its WABA, as far as we could find out.</summary>
public sealed record HealthFacts(
    GraphPhoneNumber? Phone, GraphApiException? PhoneError,
    GraphWaba? Waba, GraphApiException? WabaError,
    bool? AppSubscribed, GraphApiException? SubscriptionError,
    bool HasToken)
{
    public GraphApiException? TokenError =>
        new[] { PhoneError, WabaError, SubscriptionError }.FirstOrDefault(e => e is { IsTokenProblem: true });

    public bool Registered => Phone?.PlatformType == "CLOUD_API";
}

/// <summary>
/// Maps Meta's view of a number to the three capability flags of the getting-started seed (<c>canReceiveMessages</c>,
/// <c>canSendMessages</c>, <c>canSendTemplates</c>), with a reason for every flag that is false.
/// </summary>
public static class CapabilityRules
{
    public const string Receive = "canReceiveMessages";
    public const string Send = "canSendMessages";
    public const string Templates = "canSendTemplates";
    private static readonly string[] All = [Receive, Send, Templates];

    public static (CapabilitiesDto Capabilities, IReadOnlyList<HealthReasonDto> Reasons) Evaluate(WhatsAppAccount account, PhoneNumber number, HealthFacts? facts)
    {
        var reasons = new List<HealthReasonDto>();
        void Add(string code, string message, params string[] blocks) => reasons.Add(new HealthReasonDto(code, message, blocks));

        AccountState(account, number, reasons);

        // The sandbox never calls Meta: it is ready whenever it is connected.
        if (account.IsSandbox || facts is null) return Result(reasons);

        if (!facts.HasToken) Add("TOKEN_MISSING", "No readable access token is stored: update the account's token.", All);
        else if (facts.TokenError is { } tokenError) Add("TOKEN_INVALID", "Meta refused the access token: " + tokenError.Message, All);

        if (facts.Phone is { } phone)
        {
            if (!facts.Registered)
                Add(number.RegistrationStatus == RegistrationStatus.REGISTRATION_FAILED ? "REGISTRATION_FAILED" : "NOT_REGISTERED",
                    number.RegistrationStatus == RegistrationStatus.REGISTRATION_FAILED && number.RegistrationError is { } error
                        ? "Registration with the Cloud API failed: " + error
                        : "The number is not registered with the Cloud API.", All);
            PhoneStatus(phone.Status, Add);
            switch (phone.QualityRating?.ToUpperInvariant())
            {
                case "FLAGGED":
                    Add("QUALITY_FLAGGED", "Meta flagged the number's quality: business-initiated templates risk a lower messaging limit.", Templates);
                    break;
                case "RED":
                    Add("QUALITY_RED", "The quality rating is low (red): business-initiated templates risk a lower messaging limit.", Templates);
                    break;
            }
        }
        else if (facts.PhoneError is { IsTokenProblem: false } phoneError)
        {
            Add("PHONE_CHECK_FAILED", "Meta did not return the number: " + phoneError.Message, All);
        }

        if (facts.AppSubscribed == false) Add("APP_NOT_SUBSCRIBED", "Our app is not subscribed to the WABA's webhooks, so inbound messages do not reach us.", Receive);
        else if (facts.AppSubscribed is null && facts.SubscriptionError is { IsTokenProblem: false } subError)
            Add("SUBSCRIPTION_CHECK_FAILED", "Could not read the WABA's subscribed apps: " + subError.Message, Receive);

        switch (facts.Waba?.AccountReviewStatus?.ToUpperInvariant())
        {
            case "PENDING":
                Add("ACCOUNT_PENDING_REVIEW", "The WhatsApp Business account is pending Meta's review: templates cannot be sent yet.", Templates);
                break;
            case "REJECTED":
                Add("ACCOUNT_REJECTED", "Meta rejected the WhatsApp Business account's review: it cannot send messages.", Send, Templates);
                break;
        }
        if (facts.Waba is null && facts.WabaError is { IsTokenProblem: false } wabaError)
            Add("WABA_CHECK_FAILED", "Could not read the WhatsApp Business account: " + wabaError.Message, Templates);
        return Result(reasons);
    }

    /// <summary>
    /// The reasons that follow from what is stored (no call to Meta): the account's connection, ban and restrictions, the
    /// number's registration, quality and activity, the app subscription and whether a token is stored, plus the reasons only
    /// Meta knows (phone status, account review, a refused token) as the last live check stored them in
    /// <see cref="PhoneNumber.HealthReasonsJson"/>.
    /// </summary>
    public static (CapabilitiesDto Capabilities, IReadOnlyList<HealthReasonDto> Reasons) EvaluateStored(WhatsAppAccount account, PhoneNumber number, bool hasToken)
    {
        var reasons = new List<HealthReasonDto>();
        void Add(string code, string message, params string[] blocks) => reasons.Add(new HealthReasonDto(code, message, blocks));
        AccountState(account, number, reasons);
        if (account.IsSandbox) return Result(reasons);
        if (!hasToken) Add("TOKEN_MISSING", "No readable access token is stored: update the account's token.", All);
        if (number.RegistrationStatus == RegistrationStatus.REGISTRATION_FAILED)
            Add("REGISTRATION_FAILED", number.RegistrationError is { } error ? "Registration with the Cloud API failed: " + error : "Registration with the Cloud API failed.", All);
        else if (number.RegistrationStatus != RegistrationStatus.REGISTERED) Add("NOT_REGISTERED", "The number is not registered with the Cloud API.", All);
        switch (number.QualityRating.ToUpperInvariant())
        {
            case "FLAGGED":
                Add("QUALITY_FLAGGED", "Meta flagged the number's quality: business-initiated templates risk a lower messaging limit.", Templates);
                break;
            case "RED":
                Add("QUALITY_RED", "The quality rating is low (red): business-initiated templates risk a lower messaging limit.", Templates);
                break;
        }
        if (!account.AppSubscribed) Add("APP_NOT_SUBSCRIBED", "Our app is not subscribed to the WABA's webhooks, so inbound messages do not reach us.", Receive);
        var derived = reasons.Select(r => r.Code).ToHashSet();
        reasons.AddRange(ReadReasons(number.HealthReasonsJson).Where(r => !StoredCodes.Contains(r.Code) && !derived.Contains(r.Code)));
        return Result(reasons);
    }

    /// <summary>The readiness partners read (<c>/v1/phones/{id}/health</c>) as one comparable value.</summary>
    public static PhoneHealthState StoredState(WhatsAppAccount account, PhoneNumber number, bool hasToken)
    {
        var (capabilities, _) = EvaluateStored(account, number, hasToken);
        return new PhoneHealthState(number.RegistrationStatus == RegistrationStatus.REGISTERED, capabilities.CanReceiveMessages,
            capabilities.CanSendMessages, capabilities.CanSendTemplates, number.QualityRating, number.MessagingLimitTier);
    }

    /// <summary>The codes <see cref="EvaluateStored"/> derives from columns; a stored reason with one of them is stale by definition.</summary>
    private static readonly HashSet<string> StoredCodes =
    [
        "ACCOUNT_DISCONNECTED", "NUMBER_INACTIVE", "ACCOUNT_DISABLED", "ACCOUNT_RESTRICTED_BUSINESS_INITIATED", "ACCOUNT_RESTRICTED_CUSTOMER_INITIATED",
        "TOKEN_MISSING", "REGISTRATION_FAILED", "NOT_REGISTERED", "QUALITY_FLAGGED", "QUALITY_RED", "APP_NOT_SUBSCRIBED",
    ];

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The reasons of a live check as stored on the number (at most 8,000 characters: messages are cut, then reasons dropped).</summary>
    public static string SerializeReasons(IReadOnlyList<HealthReasonDto> reasons)
    {
        var kept = reasons.Select(r => r with { Message = r.Message.Length <= 500 ? r.Message : r.Message[..500] }).ToList();
        var json = System.Text.Json.JsonSerializer.Serialize(kept, Json);
        while (json.Length > 8000 && kept.Count > 0)
        {
            kept.RemoveAt(kept.Count - 1);
            json = System.Text.Json.JsonSerializer.Serialize(kept, Json);
        }
        return json;
    }

    private static IReadOnlyList<HealthReasonDto> ReadReasons(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<HealthReasonDto>>(json, Json)?.Where(r => r is { Code: not null, Message: not null, Blocks: not null }).ToList() ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>Connection, activity, Meta's ban and the restrictions of the last <c>account_update</c>.</summary>
    private static void AccountState(WhatsAppAccount account, PhoneNumber number, List<HealthReasonDto> reasons)
    {
        void Add(string code, string message, params string[] blocks) => reasons.Add(new HealthReasonDto(code, message, blocks));
        if (account.Status != WhatsAppAccountStatus.CONNECTED) Add("ACCOUNT_DISCONNECTED", "The account is disconnected.", All);
        else if (!number.IsActive) Add("NUMBER_INACTIVE", "The number is not active.", All);
        if (string.Equals(account.BanState, "DISABLE", StringComparison.OrdinalIgnoreCase))
            Add("ACCOUNT_DISABLED", "Meta disabled the WhatsApp Business account: it cannot send or receive messages.", All);
        var restrictions = (account.Restrictions ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (restrictions.Any(r => r.Equals("RESTRICTED_BIZ_INITIATED_MESSAGING", StringComparison.OrdinalIgnoreCase)))
            Add("ACCOUNT_RESTRICTED_BUSINESS_INITIATED", "Meta restricted the account: business-initiated messages (templates) are blocked.", Templates);
        if (restrictions.Any(r => r.Equals("RESTRICTED_CUSTOMER_INITIATED_MESSAGING", StringComparison.OrdinalIgnoreCase)))
            Add("ACCOUNT_RESTRICTED_CUSTOMER_INITIATED", "Meta restricted the account: replies to customers are blocked.", Send, Templates);
    }

    private static void PhoneStatus(string? status, Action<string, string, string[]> add)
    {
        switch (status?.ToUpperInvariant())
        {
            case "BANNED":
                add("PHONE_BANNED", "Meta banned this number.", All);
                break;
            case "DELETED" or "DISCONNECTED" or "MIGRATED":
                add("PHONE_" + status.ToUpperInvariant(), $"Meta reports the number as {status.ToLowerInvariant()}.", All);
                break;
            case "PENDING" or "UNVERIFIED":
                add("PHONE_NOT_VERIFIED", "The number has not finished verification with Meta.", All);
                break;
            case "RESTRICTED":
                add("PHONE_RESTRICTED", "Meta restricted this number: business-initiated messages are blocked.", [Templates]);
                break;
            case "RATE_LIMITED":
                add("PHONE_RATE_LIMITED", "Meta is rate limiting this number: sends fail until the limit lifts.", [Send, Templates]);
                break;
            case "FLAGGED":
                add("PHONE_FLAGGED", "Meta flagged this number: business-initiated messages are at risk.", [Templates]);
                break;
        }
    }

    private static (CapabilitiesDto, IReadOnlyList<HealthReasonDto>) Result(List<HealthReasonDto> reasons)
    {
        bool Open(string capability) => !reasons.Any(r => r.Blocks.Contains(capability));
        var send = Open(Send);
        // Templates need everything sending needs.
        return (new CapabilitiesDto(Open(Receive), send, send && Open(Templates)), reasons);
    }
}
