using System.Globalization;
using System.Text.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.WhatsApp;

/// <summary>
/// Reads a WhatsApp Cloud API webhook body. Walks every entry, change, message and status (never only the first) and keeps
/// each message's raw JSON. Never throws: a body that is not a webhook comes back with <see cref="ParsedWebhook.Error"/>; an
/// item it cannot use (a message without an id) is skipped and named in <see cref="ParsedWebhook.Problems"/>. Numbers and
/// strings are read alike wherever Meta's documents and real payloads differ (timestamps, quantities, prices, ids); unknown
/// fields are ignored and unknown message types become UNSUPPORTED with their raw JSON.
/// </summary>
public static class WhatsAppWebhookParser
{
    public const string EchoesField = "smb_message_echoes";

    public static ParsedWebhook Parse(string body) => Parse(body, DateTimeOffset.UtcNow);

    /// <param name="receivedAt">The time given to a message whose own timestamp is missing or unreadable.</param>
    public static ParsedWebhook Parse(string body, DateTimeOffset receivedAt)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return ParsedWebhook.Malformed("Not JSON: " + e.Message);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ParsedWebhook.Malformed("The body is not a JSON object");
            var obj = Str(root, "object");
            if (obj is null) return ParsedWebhook.Malformed("Missing 'object'");
            if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
                return ParsedWebhook.Malformed("Missing 'entry' array");

            var problems = new List<string>();
            var changes = new List<ParsedChange>();
            foreach (var entry in entries.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var wabaId = Str(entry, "id") ?? "";
                var entryTime = TimeOrNull(entry, "time");
                foreach (var change in Items(entry, "changes"))
                {
                    var field = Str(change, "field");
                    if (field is null)
                    {
                        problems.Add("A change has no 'field'");
                        continue;
                    }
                    if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add($"The '{field}' change has no 'value' object");
                        continue;
                    }
                    var messages = field is "messages" or EchoesField ? MessagesChange(value, field == EchoesField, receivedAt, problems) : null;
                    if (field is "messages" or EchoesField && messages is null) continue;
                    var quality = field == "phone_number_quality_update"
                        ? new PhoneQualityUpdate(Str(value, "display_phone_number"), Str(value, "event")?.ToUpperInvariant(), Str(value, "current_limit"),
                            Str(value, "old_limit"), Str(value, "max_daily_conversations_per_business"))
                        : null;
                    changes.Add(new ParsedChange(wabaId, field, messages, value.GetRawText(), quality, entryTime));
                }
            }
            return new ParsedWebhook(obj, changes, null, problems);
        }
    }

    private static MessagesValue? MessagesChange(JsonElement value, bool echoes, DateTimeOffset receivedAt, List<string> problems)
    {
        var metadata = Obj(value, "metadata");
        var phoneNumberId = Str(metadata, "phone_number_id");
        if (string.IsNullOrEmpty(phoneNumberId))
        {
            problems.Add("A messages change has no metadata.phone_number_id");
            return null;
        }
        // Identifiers longer than the columns that hold them are not identifiers; names are cut to fit.
        var contacts = Items(value, "contacts").Select(c => new WebhookContact(
            Id(Str(c, "wa_id"), WaIdLength), Id(Str(c, "user_id"), IdLength), Cut(Str(Obj(c, "profile"), "name"), 200),
            Cut(Str(c, "username") ?? Str(Obj(c, "profile"), "username"), 100))).ToList();
        var messages = Items(value, echoes ? "message_echoes" : "messages")
            .Select(m => Message(m, echoes, receivedAt, problems)).OfType<InboundMessage>().ToList();
        var statuses = Items(value, "statuses").Select(s => Status(s, receivedAt, problems)).OfType<StatusUpdate>().ToList();
        return new MessagesValue(phoneNumberId, Str(metadata, "display_phone_number"), contacts, messages, statuses) { Errors = Errors(value) };
    }

    private static InboundMessage? Message(JsonElement m, bool echo, DateTimeOffset receivedAt, List<string> problems)
    {
        var id = Id(Str(m, "id"), IdLength);
        if (string.IsNullOrEmpty(id))
        {
            problems.Add("Skipped a message without a usable id");
            return null;
        }
        var typeName = Str(m, "type") ?? "unsupported";
        var context = Obj(m, "context");
        var msg = new InboundMessage(id, Id(echo ? Str(m, "to") : Str(m, "from"), WaIdLength), Id(echo ? Str(m, "to_user_id") : Str(m, "from_user_id"), IdLength),
            Time(m, "timestamp", receivedAt), MessageType.UNSUPPORTED, typeName, ContextMessageId: Str(context, "id"), RawJson: m.GetRawText())
        {
            IsEcho = echo,
        };
        var product = Obj(context, "referred_product");
        var details = new MessageDetails
        {
            Referral = Referral(Obj(m, "referral")),
            ReferredProduct = product.ValueKind == JsonValueKind.Object ? new ReferredProduct(Str(product, "catalog_id"), Str(product, "product_retailer_id")) : null,
            Errors = Errors(m) is { Count: > 0 } errors ? errors : null,
        };
        msg = msg with { Details = details };

        switch (typeName)
        {
            case "edit":
            {
                var edit = Obj(m, "edit");
                var inner = Obj(edit, "message");
                var innerType = Str(inner, "type") ?? (inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("text", out _) ? "text" : "unsupported");
                var edited = Content(msg with { TypeName = innerType }, innerType, Member(inner, innerType), problems);
                var target = Str(edit, "original_message_id");
                return target is null ? Unsupported(msg, m) : edited with { Action = InboundAction.EDIT, TargetMessageId = target, TypeName = "edit" };
            }
            case "revoke":
            {
                var target = Str(Obj(m, "revoke"), "original_message_id");
                return target is null ? Unsupported(msg, m) : msg with { Type = MessageType.TEXT, Action = InboundAction.REVOKE, TargetMessageId = target };
            }
            default:
                return Content(msg, typeName, Member(m, typeName), problems, m);
        }
    }

    /// <summary>The fields of one message type, read from the type's object (<paramref name="body"/>).</summary>
    private static InboundMessage Content(InboundMessage msg, string typeName, JsonElement body, List<string> problems, JsonElement? whole = null)
    {
        switch (typeName)
        {
            case "text":
                return msg with { Type = MessageType.TEXT, Text = body.ValueKind == JsonValueKind.String ? Clean(body.GetString()) : Str(body, "body") };
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
                    Latitude = Double(body, "latitude"),
                    Longitude = Double(body, "longitude"),
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
            {
                var order = Order(body);
                return msg with { Type = MessageType.ORDER, Text = DescribeOrder(order), Details = msg.Details! with { Order = order } };
            }
            case "system":
                return System(msg, body);
            case "referral":
                return msg with { Type = MessageType.REFERRAL, Text = Str(body, "headline") ?? Str(body, "body") ?? msg.Details?.Referral?.Headline };
            default:
                return whole is { } m ? Unsupported(msg, m) : msg with { Type = MessageType.UNSUPPORTED };
        }
    }

    private static InboundMessage Unsupported(InboundMessage msg, JsonElement m)
    {
        var error = Errors(m).Select(e => e.Title ?? e.Message).FirstOrDefault(t => t is not null);
        return msg with { Type = MessageType.UNSUPPORTED, Text = error };
    }

    private static InboundMessage System(InboundMessage msg, JsonElement body)
    {
        var kind = Str(body, "type");
        var text = Str(body, "body");
        var change = kind switch
        {
            "user_changed_number" => new IdentityChange(kind, msg.From, Str(body, "new_wa_id") ?? Str(body, "wa_id")),
            "user_changed_user_id" => new IdentityChange(kind, msg.FromUserId ?? Str(body, "old_user_id"),
                Str(body, "new_user_id") ?? Str(body, "user_id")),
            _ => null,
        };
        return msg with
        {
            Type = MessageType.SYSTEM,
            Text = text ?? (change is null ? kind : $"Changed from {change.From} to {change.To}"),
            Details = msg.Details! with { IdentityChange = change?.To is null ? null : change },
        };
    }

    private static InboundMessage Interactive(InboundMessage msg, JsonElement body)
    {
        var kind = Str(body, "type");
        var reply = kind is null ? default : Obj(body, kind);
        switch (kind)
        {
            case "button_reply" or "list_reply":
                return msg with
                {
                    Type = MessageType.INTERACTIVE,
                    ReplyOptionId = Str(reply, "id"),
                    ReplyOptionTitle = Str(reply, "title"),
                    Text = Str(reply, "title"),
                };
            case "nfm_reply":
            {
                var form = new FlowReply(Str(reply, "name"), Str(reply, "body"), FormFields(reply));
                var answers = string.Join("\n", form.Fields.Select(f => $"{f.Label}: {f.Value}"));
                return msg with
                {
                    Type = MessageType.INTERACTIVE,
                    ReplyOptionId = form.Name,
                    ReplyOptionTitle = form.Body ?? "Form submitted",
                    Text = answers.Length > 0 ? answers : form.Body ?? "Form submitted",
                    Details = msg.Details! with { Form = form },
                };
            }
            default:
                return msg with { Type = MessageType.INTERACTIVE, Text = kind };
        }
    }

    /// <summary>A flow's answers: <c>response_json</c> is a JSON object written as a string (an object is taken as it is).</summary>
    private static List<FormField> FormFields(JsonElement reply)
    {
        if (reply.ValueKind != JsonValueKind.Object || !reply.TryGetProperty("response_json", out var response)) return [];
        if (response.ValueKind == JsonValueKind.Object) return FormFields(response.EnumerateObject());
        if (response.ValueKind != JsonValueKind.String) return [];
        try
        {
            using var doc = JsonDocument.Parse(Clean(response.GetString())!);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? FormFields(doc.RootElement.EnumerateObject()) : [];
        }
        catch (JsonException)
        {
            return [new FormField("response_json", "Response", Clean(response.GetString())!)];
        }
    }

    private static List<FormField> FormFields(JsonElement.ObjectEnumerator properties) => properties
        .Where(p => p.Name != "flow_token")
        .Take(100)
        .Select(p => new FormField(Cut(Clean(p.Name), 200)!, Label(Cut(Clean(p.Name), 200)!), Cut(Describe(p.Value), 1000)!))
        .ToList();

    /// <summary><c>screen_0_Preferred_date_1</c> → "Preferred date"; <c>rating</c> → "Rating".</summary>
    private static string Label(string name)
    {
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 2 && parts[0] == "screen" && int.TryParse(parts[1], out _)) parts.RemoveRange(0, 2);
        if (parts.Count > 1 && int.TryParse(parts[^1], out _)) parts.RemoveAt(parts.Count - 1);
        var label = string.Join(' ', parts);
        return label.Length == 0 ? name : char.ToUpperInvariant(label[0]) + label[1..];
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Clean(value.GetString())!,
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        JsonValueKind.Null => "",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Describe)),
        _ => value.GetRawText(),
    };

    private static AdReferral? Referral(JsonElement r) => r.ValueKind != JsonValueKind.Object ? null : new AdReferral(
        Cut(Str(r, "source_url"), 2000), Cut(Str(r, "source_type"), 64), Cut(Str(r, "source_id"), 128), Cut(Str(r, "headline"), 1000),
        Cut(Str(r, "body"), 2000), Cut(Str(r, "media_type"), 64), Cut(Str(r, "image_url") ?? Str(r, "video_url"), 2000),
        Cut(Str(r, "thumbnail_url"), 2000), Cut(Str(r, "ctwa_clid"), 500));

    private static OrderDetails Order(JsonElement body)
    {
        var items = Items(body, "product_items").Take(200).Select(i => new OrderItem(
            Str(i, "product_retailer_id"), Decimal(i, "quantity") ?? 1, Decimal(i, "item_price"), Str(i, "currency"))).ToList();
        var currencies = items.Select(i => i.Currency).Distinct().ToList();
        var priced = items.Count > 0 && items.All(i => i.ItemPrice is not null) && currencies.Count == 1;
        return new OrderDetails(Str(body, "catalog_id"), Str(body, "text"), items,
            priced ? items.Sum(i => i.Quantity * i.ItemPrice!.Value) : null, currencies.Count == 1 ? currencies[0] : null);
    }

    private static string DescribeOrder(OrderDetails order)
    {
        var count = order.Items.Sum(i => i.Quantity).ToString("0.##", CultureInfo.InvariantCulture);
        return $"Order of {count} item(s)" + (string.IsNullOrEmpty(order.Text) ? "" : $": {order.Text}");
    }

    private static StatusUpdate? Status(JsonElement s, DateTimeOffset receivedAt, List<string> problems)
    {
        var id = Id(Str(s, "id"), IdLength);
        var status = Cut(Str(s, "status"), 32);
        if (id is null || status is null)
        {
            problems.Add("Skipped a status without an id or status");
            return null;
        }
        var error = Errors(s).FirstOrDefault();
        var pricing = Obj(s, "pricing");
        return new StatusUpdate(id, status, Time(s, "timestamp", receivedAt), Str(s, "recipient_id") ?? Str(s, "recipient_user_id"),
            Cut(error?.Code, 16), Cut(error?.Title ?? error?.Message, 500), Cut(error?.Details, 2000),
            Cut(Str(pricing, "category"), 64),
            Billable(pricing),
            Str(s, "biz_opaque_callback_data"),
            s.GetRawText());
    }

    /// <summary>
    /// <c>pricing.billable</c>; without it (Meta deprecates it under per-message pricing) <c>pricing.type</c>: <c>regular</c> is
    /// billed, <c>free_customer_service</c> and <c>free_entry_point</c> are not.
    /// </summary>
    private static bool? Billable(JsonElement pricing)
    {
        if (pricing.ValueKind != JsonValueKind.Object) return null;
        if (pricing.TryGetProperty("billable", out var billable) && billable.ValueKind is JsonValueKind.True or JsonValueKind.False) return billable.GetBoolean();
        return Str(pricing, "type") switch
        {
            "regular" => true,
            { } type when type.StartsWith("free_", StringComparison.Ordinal) => false,
            _ => null,
        };
    }

    private static IReadOnlyList<ReportedError> Errors(JsonElement obj) => Items(obj, "errors").Take(20)
        .Select(e => new ReportedError(Cut(Str(e, "code"), 16), Cut(Str(e, "title"), 500), Cut(Str(e, "message"), 500), Cut(Str(Obj(e, "error_data"), "details"), 2000)))
        .ToList();

    private static string? DescribeContacts(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array) return null;
        var parts = body.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).Select(c =>
        {
            var name = Str(Obj(c, "name"), "formatted_name") ?? Str(Obj(c, "name"), "first_name");
            var phone = Items(c, "phones").Select(ph => Str(ph, "phone") ?? Str(ph, "wa_id")).FirstOrDefault(x => x is not null);
            return phone is null ? name ?? "Contact" : $"{name ?? "Contact"} ({phone})";
        });
        return string.Join(", ", parts);
    }

    private const int WaIdLength = 32;
    private const int IdLength = 128;

    private static string? Id(string? value, int max) => value is null || value.Length > max ? null : value;

    /// <summary>Text without NUL characters (U+0000): PostgreSQL cannot store them, and they carry nothing (<see cref="NulCharacters"/>).</summary>
    private static string? Clean(string? value) => NulCharacters.Strip(value);

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>The objects of an array member (a single object is taken as an array of one).</summary>
    private static List<JsonElement> Items(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var arr)) return [];
        if (arr.ValueKind == JsonValueKind.Object) return [arr];
        return arr.ValueKind == JsonValueKind.Array ? arr.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList() : [];
    }

    private static JsonElement Member(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;

    private static JsonElement Obj(JsonElement obj, string name) =>
        Member(obj, name) is { ValueKind: JsonValueKind.Object } v ? v : default;

    /// <summary>A string, or a number's text: ids, codes and timestamps come either way. Never with a NUL character.</summary>
    private static string? Str(JsonElement obj, string name)
    {
        var v = Member(obj, name);
        return v.ValueKind switch
        {
            JsonValueKind.String => Clean(v.GetString()),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static double? Double(JsonElement obj, string name) =>
        double.TryParse(Str(obj, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    private static decimal? Decimal(JsonElement obj, string name) =>
        decimal.TryParse(Str(obj, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>Unix seconds as a string or number (milliseconds are recognised); else <paramref name="fallback"/>.</summary>
    private static DateTimeOffset Time(JsonElement obj, string name, DateTimeOffset fallback) => TimeOrNull(obj, name) ?? fallback;

    /// <summary>A Unix time in seconds (or milliseconds) before the year 3000, as Meta writes them (string or number); null otherwise.</summary>
    private static DateTimeOffset? TimeOrNull(JsonElement obj, string name)
    {
        if (!decimal.TryParse(Str(obj, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0) return null;
        if (value > 100_000_000_000m) value /= 1000;
        return value < 32503680000m ? DateTimeOffset.FromUnixTimeSeconds((long)value) : null;
    }
}
