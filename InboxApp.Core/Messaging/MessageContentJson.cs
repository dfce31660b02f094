using System.Text.Json.Nodes;

namespace InboxApp.Core.Messaging;

/// <summary>
/// A message's content as stored and sent: WhatsApp's message objects (<c>{"type": t, t: {…}}</c>), exactly as Meta
/// documents them. This is the domain's format for rich content (inbound messages keep Meta's own object in
/// <see cref="Message.RawJson"/>, outbound ones this), so the inbox reads both alike; a channel wraps it into its send request
/// (the Cloud API's envelope is <c>Channels/WhatsApp/CloudApiPayloads</c>).
/// </summary>
public static class MessageContentJson
{
    /// <summary><c>{"type":"text","text":{"preview_url","body"}}</c>: a link preview whenever the text holds a link.</summary>
    public static JsonObject TextContent(string body) => Content("text", new JsonObject
    {
        ["preview_url"] = body.Contains("http://", StringComparison.OrdinalIgnoreCase) || body.Contains("https://", StringComparison.OrdinalIgnoreCase),
        ["body"] = body,
    });

    /// <summary>
    /// The content of a stored outbound message: text and media from its fields, the other types from their kept JSON.
    /// </summary>
    public static JsonObject Of(Message message) => message.Type switch
    {
        MessageType.TEXT => TextContent(message.Text ?? ""),
        _ when IsMedia(message.Type) => Media(message.Type, message.MediaId!, message.Caption, message.FileName),
        _ => JsonNode.Parse(message.RawJson ?? "{}") as JsonObject ?? [],
    };

    private static JsonObject Content(string type, JsonNode body) => new() { ["type"] = type, [type] = body };

    /// <summary>The Cloud API's name of a media kind (<c>image</c>, <c>video</c>, <c>audio</c>, <c>document</c>, <c>sticker</c>).</summary>
    public static string MediaTypeName(MessageType kind) => kind switch
    {
        MessageType.IMAGE => "image",
        MessageType.VIDEO => "video",
        MessageType.AUDIO => "audio",
        MessageType.DOCUMENT => "document",
        MessageType.STICKER => "sticker",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a media kind"),
    };

    public static bool IsMedia(MessageType type) => type is MessageType.IMAGE or MessageType.VIDEO or MessageType.AUDIO or MessageType.DOCUMENT or MessageType.STICKER;

    /// <summary>
    /// Media sent by an uploaded media id: <c>{"id"}</c>, with <c>caption</c> for images, videos and documents and
    /// <c>filename</c> for documents (WhatsApp shows neither on audio or stickers).
    /// </summary>
    public static JsonObject Media(MessageType kind, string mediaId, string? caption, string? fileName)
    {
        var media = new JsonObject { ["id"] = mediaId };
        if (!string.IsNullOrEmpty(caption) && kind is MessageType.IMAGE or MessageType.VIDEO or MessageType.DOCUMENT) media["caption"] = caption;
        if (!string.IsNullOrEmpty(fileName) && kind is MessageType.DOCUMENT) media["filename"] = fileName;
        return Content(MediaTypeName(kind), media);
    }

    /// <summary>A reaction to <paramref name="targetWaMessageId"/>; an empty emoji removes ours.</summary>
    public static JsonObject Reaction(string targetWaMessageId, string emoji) =>
        Content("reaction", new JsonObject { ["message_id"] = targetWaMessageId, ["emoji"] = emoji });

    public static JsonObject Location(LocationContent location)
    {
        var body = new JsonObject { ["latitude"] = location.Latitude, ["longitude"] = location.Longitude };
        if (!string.IsNullOrWhiteSpace(location.Name)) body["name"] = location.Name;
        if (!string.IsNullOrWhiteSpace(location.Address)) body["address"] = location.Address;
        return Content("location", body);
    }

    public static JsonObject Interactive(InteractiveContent interactive) =>
        Content("interactive", interactive.Buttons is { } b ? ButtonsBody(b) : ListBody(interactive.List!));

    private static JsonObject ButtonsBody(InteractiveButtons b)
    {
        var body = new JsonObject { ["type"] = "button" };
        if (!string.IsNullOrWhiteSpace(b.Header)) body["header"] = new JsonObject { ["type"] = "text", ["text"] = b.Header };
        body["body"] = new JsonObject { ["text"] = b.Body };
        if (!string.IsNullOrWhiteSpace(b.Footer)) body["footer"] = new JsonObject { ["text"] = b.Footer };
        body["action"] = new JsonObject
        {
            ["buttons"] = new JsonArray((b.Buttons ?? [])
                .Select(x => (JsonNode)new JsonObject { ["type"] = "reply", ["reply"] = new JsonObject { ["id"] = x.Id, ["title"] = x.Title } }).ToArray()),
        };
        return body;
    }

    private static JsonObject ListBody(InteractiveList l)
    {
        var body = new JsonObject { ["type"] = "list" };
        if (!string.IsNullOrWhiteSpace(l.Header)) body["header"] = new JsonObject { ["type"] = "text", ["text"] = l.Header };
        body["body"] = new JsonObject { ["text"] = l.Body };
        if (!string.IsNullOrWhiteSpace(l.Footer)) body["footer"] = new JsonObject { ["text"] = l.Footer };
        body["action"] = new JsonObject
        {
            ["button"] = l.Button,
            ["sections"] = new JsonArray((l.Sections ?? []).Select(s =>
            {
                var section = new JsonObject();
                if (!string.IsNullOrWhiteSpace(s.Title)) section["title"] = s.Title;
                section["rows"] = new JsonArray((s.Rows ?? []).Select(r =>
                {
                    var row = new JsonObject { ["id"] = r.Id, ["title"] = r.Title };
                    if (!string.IsNullOrWhiteSpace(r.Description)) row["description"] = r.Description;
                    return (JsonNode)row;
                }).ToArray());
                return (JsonNode)section;
            }).ToArray()),
        };
        return body;
    }

    public static JsonObject Contacts(IReadOnlyList<ContactCard> contacts) =>
        Content("contacts", new JsonArray(contacts.Select(c => (JsonNode)Contact(c)).ToArray()));

    private static JsonObject Contact(ContactCard c)
    {
        var name = new JsonObject { ["formatted_name"] = c.Name!.FormattedName };
        if (!string.IsNullOrWhiteSpace(c.Name.FirstName)) name["first_name"] = c.Name.FirstName;
        if (!string.IsNullOrWhiteSpace(c.Name.LastName)) name["last_name"] = c.Name.LastName;
        var contact = new JsonObject { ["name"] = name };
        if (c.Birthday is not null) contact["birthday"] = c.Birthday;
        if (c.Phones is { Count: > 0 } phones)
            contact["phones"] = new JsonArray(phones.Select(p => (JsonNode)Pairs(("phone", p.Phone), ("type", p.Type), ("wa_id", p.WaId))).ToArray());
        if (c.Emails is { Count: > 0 } emails)
            contact["emails"] = new JsonArray(emails.Select(e => (JsonNode)Pairs(("email", e.Email), ("type", e.Type))).ToArray());
        if (c.Org is { } org && Pairs(("company", org.Company), ("department", org.Department), ("title", org.Title)) is { Count: > 0 } orgJson)
            contact["org"] = orgJson;
        if (c.Urls is { Count: > 0 } urls)
            contact["urls"] = new JsonArray(urls.Select(u => (JsonNode)Pairs(("url", u.Url), ("type", u.Type))).ToArray());
        return contact;
    }

    /// <summary>
    /// <c>{"name","language":{"code"},"components":[{"type":"body","parameters":[…]}, {"type":"button","sub_type","index","parameters"}]}</c>.
    /// </summary>
    public static JsonObject Template(TemplateContent template)
    {
        var body = new JsonObject { ["name"] = template.Name, ["language"] = new JsonObject { ["code"] = template.Language } };
        if (template.Components is { Count: > 0 } components)
        {
            body["components"] = new JsonArray(components.Select(c =>
            {
                var component = new JsonObject { ["type"] = c.Type!.ToLowerInvariant() };
                if (component["type"]!.GetValue<string>() == "button")
                {
                    component["sub_type"] = c.SubType!.ToLowerInvariant();
                    component["index"] = c.Index!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                component["parameters"] = new JsonArray((c.Parameters ?? []).Select(p => (JsonNode)Parameter(p)).ToArray());
                return (JsonNode)component;
            }).ToArray());
        }
        return Content("template", body);
    }

    private static JsonObject Parameter(TemplateParameter p)
    {
        var type = p.Type!.ToLowerInvariant();
        var json = new JsonObject { ["type"] = type };
        if (p.ParameterName is not null) json["parameter_name"] = p.ParameterName;
        switch (type)
        {
            case "text": json["text"] = p.Text; break;
            case "payload": json["payload"] = p.Payload; break;
            case "coupon_code": json["coupon_code"] = p.CouponCode; break;
            case "currency":
                json["currency"] = new JsonObject { ["fallback_value"] = p.Currency!.FallbackValue, ["code"] = p.Currency.Code, ["amount_1000"] = p.Currency.Amount1000 };
                break;
            case "date_time": json["date_time"] = new JsonObject { ["fallback_value"] = p.DateTime!.FallbackValue }; break;
            case "image" or "video" or "document":
                var media = (type == "image" ? p.Image : type == "video" ? p.Video : p.Document)!;
                json[type] = Pairs(("id", media.Id), ("link", media.Link), ("filename", media.Filename));
                break;
            case "location":
                json["location"] = Location(p.Location!)["location"]!.DeepClone();
                break;
        }
        return json;
    }

    private static JsonObject Pairs(params (string Key, string? Value)[] pairs)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs)
            if (!string.IsNullOrWhiteSpace(value)) json[key] = value;
        return json;
    }
}
