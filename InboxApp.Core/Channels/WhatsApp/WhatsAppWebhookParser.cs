using System.Globalization;
using System.Text.Json;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>Thrown for a delivery that is not a WhatsApp webhook we can read.</summary>
public sealed class MalformedWebhookException(string message) : Exception(message);

/// <summary>
/// Reads a WhatsApp Cloud API webhook body. Walks every entry, change, message and status (never only the first) and keeps
/// each message's raw JSON. Unknown message types become UNSUPPORTED instead of failing the delivery.
/// </summary>
public static class WhatsAppWebhookParser
{
    public static ParsedWebhook Parse(string body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new MalformedWebhookException("Not JSON: " + e.Message);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new MalformedWebhookException("The body is not a JSON object");
            var obj = Str(root, "object") ?? throw new MalformedWebhookException("Missing 'object'");
            if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
                throw new MalformedWebhookException("Missing 'entry' array");

            var changes = new List<ParsedChange>();
            foreach (var entry in entries.EnumerateArray())
            {
                var wabaId = Str(entry, "id") ?? "";
                if (!entry.TryGetProperty("changes", out var list) || list.ValueKind != JsonValueKind.Array) continue;
                foreach (var change in list.EnumerateArray())
                {
                    var field = Str(change, "field") ?? throw new MalformedWebhookException("A change has no 'field'");
                    if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                        throw new MalformedWebhookException($"The '{field}' change has no 'value' object");
                    var messages = field == "messages" ? ParseMessagesValue(value) : null;
                    changes.Add(new ParsedChange(wabaId, field, messages, value.GetRawText()));
                }
            }
            return new ParsedWebhook(obj, changes);
        }
    }

    private static MessagesValue ParseMessagesValue(JsonElement value)
    {
        var metadata = value.TryGetProperty("metadata", out var m) ? m : default;
        var phoneNumberId = metadata.ValueKind == JsonValueKind.Object ? Str(metadata, "phone_number_id") : null;
        if (string.IsNullOrEmpty(phoneNumberId)) throw new MalformedWebhookException("A messages change has no metadata.phone_number_id");

        var contacts = Items(value, "contacts").Select(c => new WebhookContact(
            Str(c, "wa_id"), Str(c, "user_id"),
            c.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.Object ? Str(p, "name") : null,
            Str(c, "username") ?? (c.TryGetProperty("profile", out var p2) && p2.ValueKind == JsonValueKind.Object ? Str(p2, "username") : null))).ToList();
        var messages = Items(value, "messages").Select(ParseMessage).ToList();
        var statuses = Items(value, "statuses").Select(ParseStatus).ToList();
        return new MessagesValue(phoneNumberId, Str(metadata, "display_phone_number"), contacts, messages, statuses);
    }

    public static InboundMessage ParseMessage(JsonElement m)
    {
        var id = Str(m, "id") ?? throw new MalformedWebhookException("A message has no id");
        var typeName = Str(m, "type") ?? "unsupported";
        var context = m.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Object ? Str(ctx, "id") : null;
        var msg = new InboundMessage(id, Str(m, "from"), Str(m, "from_user_id"), Time(m, "timestamp"), MessageType.UNSUPPORTED, typeName,
            ContextMessageId: context, RawJson: m.GetRawText());
        var body = m.TryGetProperty(typeName, out var b) ? b : default;

        switch (typeName)
        {
            case "text":
                return msg with { Type = MessageType.TEXT, Text = Str(body, "body") };
            case "image" or "video" or "audio" or "document" or "sticker":
                return msg with
                {
                    Type = Enum.Parse<MessageType>(typeName, ignoreCase: true),
                    MediaId = Str(body, "id"),
                    MimeType = Str(body, "mime_type"),
                    MediaSha256 = Str(body, "sha256"),
                    Caption = Str(body, "caption"),
                    FileName = Str(body, "filename"),
                };
            case "location":
                return msg with
                {
                    Type = MessageType.LOCATION,
                    Latitude = Num(body, "latitude"),
                    Longitude = Num(body, "longitude"),
                    LocationName = Str(body, "name"),
                    LocationAddress = Str(body, "address"),
                };
            case "contacts":
                return msg with { Type = MessageType.CONTACTS, Text = DescribeContacts(body) };
            case "interactive":
                return Interactive(msg, body);
            case "button":
                return msg with { Type = MessageType.BUTTON, ReplyOptionId = Str(body, "payload"), ReplyOptionTitle = Str(body, "text"), Text = Str(body, "text") };
            case "reaction":
                return msg with { Type = MessageType.REACTION, ContextMessageId = Str(body, "message_id"), Emoji = Str(body, "emoji") ?? "" };
            case "order":
                return msg with { Type = MessageType.ORDER, Text = DescribeOrder(body) };
            case "system":
                return msg with { Type = MessageType.SYSTEM, Text = Str(body, "body") };
            case "referral":
                return msg with { Type = MessageType.REFERRAL, Text = Str(body, "headline") ?? Str(body, "body") };
            default:
                var error = Items(m, "errors").Select(e => Str(e, "title") ?? Str(e, "message")).FirstOrDefault(t => t is not null);
                return msg with { Type = MessageType.UNSUPPORTED, Text = error };
        }
    }

    private static InboundMessage Interactive(InboundMessage msg, JsonElement body)
    {
        var kind = Str(body, "type");
        var reply = kind is not null && body.TryGetProperty(kind, out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        return kind switch
        {
            "button_reply" or "list_reply" => msg with
            {
                Type = MessageType.INTERACTIVE,
                ReplyOptionId = Str(reply, "id"),
                ReplyOptionTitle = Str(reply, "title"),
                Text = Str(reply, "title"),
            },
            "nfm_reply" => msg with
            {
                Type = MessageType.INTERACTIVE,
                ReplyOptionId = Str(reply, "name"),
                ReplyOptionTitle = Str(reply, "body") ?? "Form submitted",
                Text = Str(reply, "response_json") ?? Str(reply, "body"),
            },
            _ => msg with { Type = MessageType.INTERACTIVE, Text = kind },
        };
    }

    public static StatusUpdate ParseStatus(JsonElement s)
    {
        var error = Items(s, "errors").FirstOrDefault();
        var pricing = s.TryGetProperty("pricing", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        return new StatusUpdate(
            Str(s, "id") ?? throw new MalformedWebhookException("A status has no id"),
            Str(s, "status") ?? throw new MalformedWebhookException("A status has no status"),
            Time(s, "timestamp"),
            Str(s, "recipient_id") ?? Str(s, "recipient_user_id"),
            error.ValueKind == JsonValueKind.Object ? Str(error, "code") : null,
            error.ValueKind == JsonValueKind.Object ? Str(error, "title") ?? Str(error, "message") : null,
            error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error_data", out var ed) && ed.ValueKind == JsonValueKind.Object ? Str(ed, "details") : null,
            pricing.ValueKind == JsonValueKind.Object ? Str(pricing, "category") : null,
            pricing.ValueKind == JsonValueKind.Object && pricing.TryGetProperty("billable", out var bl) && bl.ValueKind is JsonValueKind.True or JsonValueKind.False ? bl.GetBoolean() : null,
            Str(s, "biz_opaque_callback_data"),
            s.GetRawText());
    }

    private static string? DescribeContacts(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array) return null;
        var parts = body.EnumerateArray().Select(c =>
        {
            var name = c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.Object ? Str(n, "formatted_name") ?? Str(n, "first_name") : null;
            var phone = Items(c, "phones").Select(ph => Str(ph, "phone") ?? Str(ph, "wa_id")).FirstOrDefault(x => x is not null);
            return phone is null ? name ?? "Contact" : $"{name ?? "Contact"} ({phone})";
        });
        return string.Join(", ", parts);
    }

    private static string DescribeOrder(JsonElement body)
    {
        var items = Items(body, "product_items").ToList();
        var count = items.Sum(i => i.TryGetProperty("quantity", out var q) && q.TryGetInt32(out var n) ? n : 1);
        var text = Str(body, "text");
        return $"Order of {count} item(s)" + (string.IsNullOrEmpty(text) ? "" : $": {text}");
    }

    private static IEnumerable<JsonElement> Items(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var arr) && arr.ValueKind == JsonValueKind.Array
            ? arr.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : [];

    private static string? Str(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static double? Num(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)) return d;
        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
    }

    private static DateTimeOffset Time(JsonElement obj, string name) =>
        long.TryParse(Str(obj, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 32503680000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new MalformedWebhookException($"Missing or invalid '{name}'");
}
