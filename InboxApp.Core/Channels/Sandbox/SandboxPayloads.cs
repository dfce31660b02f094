using System.Text.Json.Nodes;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>What a simulated customer sends: text, a location, a reaction to one of our messages, or a button reply.</summary>
public sealed record SimulatedContent(
    string Type, string? Text = null,
    double? Latitude = null, double? Longitude = null, string? LocationName = null, string? LocationAddress = null,
    string? ReactToWaMessageId = null, string? Emoji = null,
    string? ButtonId = null, string? ButtonTitle = null,
    string? MediaId = null, string? MimeType = null, string? MediaSha256 = null, string? FileName = null, bool Voice = false,
    string? ContextWaMessageId = null, bool ListReply = false)
{
    /// <summary>What the JSON simulation endpoint takes; media (<see cref="MediaKinds"/>) comes as a file upload.</summary>
    public static readonly string[] Types = ["text", "location", "reaction", "interactive"];

    /// <summary>The files a simulated customer can send: a photo, a document, or audio (a voice note when <see cref="Voice"/>).</summary>
    public static readonly string[] MediaKinds = ["image", "document", "audio"];

    public static SimulatedContent OfText(string text) => new("text", text);
}

/// <summary>Webhook payloads shaped exactly as Meta sends them, for the sandbox channel (no signature: made server-side).</summary>
public static class SandboxPayloads
{
    public static string NewWamid() => "wamid.SBX" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Envelope(string wabaId, string field, JsonObject value) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = wabaId,
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = field }),
        }),
    }.ToJsonString();

    public static JsonObject MessagesValue(PhoneNumber number, JsonArray? contacts = null, JsonArray? messages = null, JsonArray? statuses = null)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = Digits(number.DisplayPhoneNumber), ["phone_number_id"] = number.MetaPhoneNumberId },
        };
        if (contacts is not null) value["contacts"] = contacts;
        if (messages is not null) value["messages"] = messages;
        if (statuses is not null) value["statuses"] = statuses;
        return value;
    }

    public static JsonObject Contact(string? waId, string? userId, string? name, string? username)
    {
        var contact = new JsonObject { ["profile"] = new JsonObject { ["name"] = name ?? username ?? waId ?? userId } };
        if (waId is not null) contact["wa_id"] = waId;
        if (userId is not null) contact["user_id"] = userId;
        if (username is not null) contact["username"] = username;
        return contact;
    }

    public static JsonObject Message(string wamid, string? from, string? fromUserId, DateTimeOffset at, SimulatedContent content)
    {
        var message = new JsonObject { ["id"] = wamid, ["timestamp"] = at.ToUnixTimeSeconds().ToString(), ["type"] = content.Type };
        if (from is not null) message["from"] = from;
        if (fromUserId is not null) message["from_user_id"] = fromUserId;
        if (content.ContextWaMessageId is not null) message["context"] = new JsonObject { ["id"] = content.ContextWaMessageId };
        message[content.Type] = content.Type switch
        {
            "location" => new JsonObject
            {
                ["latitude"] = content.Latitude, ["longitude"] = content.Longitude, ["name"] = content.LocationName, ["address"] = content.LocationAddress,
            },
            "reaction" => new JsonObject { ["message_id"] = content.ReactToWaMessageId, ["emoji"] = content.Emoji ?? "" },
            "interactive" => new JsonObject
            {
                ["type"] = content.ListReply ? "list_reply" : "button_reply",
                [content.ListReply ? "list_reply" : "button_reply"] = new JsonObject { ["id"] = content.ButtonId ?? content.ButtonTitle, ["title"] = content.ButtonTitle },
            },
            "image" or "document" or "audio" => Media(content),
            _ => new JsonObject { ["body"] = content.Text },
        };
        return message;
    }

    /// <summary>A media object as Meta sends it: id, mime_type, sha256, and a caption, file name or voice flag as the kind has them.</summary>
    private static JsonObject Media(SimulatedContent content)
    {
        var media = new JsonObject { ["id"] = content.MediaId, ["mime_type"] = content.MimeType, ["sha256"] = content.MediaSha256 };
        if (content.Type != "audio" && !string.IsNullOrWhiteSpace(content.Text)) media["caption"] = content.Text;
        if (content.Type == "document" && content.FileName is not null) media["filename"] = content.FileName;
        if (content.Type == "audio" && content.Voice) media["voice"] = true;
        return media;
    }

    /// <summary>A status update for one of our messages, with our id as the callback data (as Meta echoes it).</summary>
    public static JsonObject Status(string wamid, string status, DateTimeOffset at, string recipient, Guid messageId, int? errorCode = null)
    {
        var s = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = at.ToUnixTimeSeconds().ToString(),
            ["recipient_id"] = recipient,
            ["biz_opaque_callback_data"] = messageId.ToString(),
        };
        if (status != "failed")
            s["pricing"] = new JsonObject { ["billable"] = false, ["pricing_model"] = "PMP", ["category"] = "service" };
        if (errorCode is { } code)
        {
            var title = GraphErrorTitles.For(code, "Simulated failure");
            s["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = code, ["title"] = title, ["message"] = title,
                ["error_data"] = new JsonObject { ["details"] = $"Simulated by the sandbox channel (code {code})." },
            });
        }
        return s;
    }

    public static JsonObject TemplateStatus(string templateName, string templateEvent, string language, string? reason, long templateId) => new()
    {
        ["event"] = templateEvent,
        ["message_template_id"] = templateId,
        ["message_template_name"] = templateName,
        ["message_template_language"] = language,
        ["reason"] = reason ?? "NONE",
    };

    private static string Digits(string display) => new(display.Where(char.IsAsciiDigit).ToArray());
}
