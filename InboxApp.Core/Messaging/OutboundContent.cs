namespace InboxApp.Core.Messaging;

// What an agent (or an integration) sends besides text and media: the shapes of the Cloud API's message objects, in our
// naming. The API binds request bodies straight onto them (camelCase); OutboundValidation checks WhatsApp's limits and
// MessageContentJson turns them into Meta's JSON.

/// <summary>A reply button of an interactive <c>button</c> message.</summary>
public sealed record ReplyButton(string? Id, string? Title);

/// <summary>An interactive message with 1–3 reply buttons.</summary>
public sealed record InteractiveButtons(string? Body, IReadOnlyList<ReplyButton>? Buttons, string? Header = null, string? Footer = null);

public sealed record ListRow(string? Id, string? Title, string? Description = null);

public sealed record ListSection(string? Title, IReadOnlyList<ListRow>? Rows);

/// <summary>An interactive list: a button that opens sections of rows.</summary>
public sealed record InteractiveList(string? Body, string? Button, IReadOnlyList<ListSection>? Sections, string? Header = null, string? Footer = null);

/// <summary>Either buttons or a list.</summary>
public sealed record InteractiveContent(InteractiveButtons? Buttons = null, InteractiveList? List = null);

public sealed record LocationContent(double? Latitude, double? Longitude, string? Name = null, string? Address = null);

public sealed record ContactName(string? FormattedName, string? FirstName = null, string? LastName = null);

public sealed record ContactPhone(string? Phone, string? Type = null, string? WaId = null);

public sealed record ContactEmail(string? Email, string? Type = null);

public sealed record ContactUrl(string? Url, string? Type = null);

public sealed record ContactOrg(string? Company = null, string? Department = null, string? Title = null);

/// <summary>A contact card (vCard-like) as WhatsApp's <c>contacts</c> message carries it.</summary>
public sealed record ContactCard(ContactName? Name, IReadOnlyList<ContactPhone>? Phones = null, IReadOnlyList<ContactEmail>? Emails = null,
    ContactOrg? Org = null, IReadOnlyList<ContactUrl>? Urls = null, string? Birthday = null);

/// <summary>A media object of a template header parameter: an uploaded media id or a public link.</summary>
public sealed record TemplateMedia(string? Id = null, string? Link = null, string? Filename = null);

public sealed record TemplateCurrency(string? FallbackValue, string? Code, long? Amount1000);

public sealed record TemplateDateTime(string? FallbackValue);

/// <summary>
/// One template parameter: <c>text</c> (optionally named), <c>currency</c>, <c>date_time</c>, <c>image</c>, <c>video</c>,
/// <c>document</c>, <c>location</c> (headers), <c>payload</c> (quick-reply buttons) or <c>coupon_code</c> (copy-code buttons).
/// </summary>
public sealed record TemplateParameter(
    string? Type, string? Text = null, string? ParameterName = null, string? Payload = null, string? CouponCode = null,
    TemplateMedia? Image = null, TemplateMedia? Video = null, TemplateMedia? Document = null, LocationContent? Location = null,
    TemplateCurrency? Currency = null, TemplateDateTime? DateTime = null);

/// <summary><c>header</c>, <c>body</c> or <c>button</c> (with <see cref="SubType"/> and <see cref="Index"/>).</summary>
public sealed record TemplateComponent(string? Type, IReadOnlyList<TemplateParameter>? Parameters = null, string? SubType = null, int? Index = null);

/// <summary>An approved template to send: its name, language code and the values of its variables.</summary>
public sealed record TemplateContent(string? Name, string? Language, IReadOnlyList<TemplateComponent>? Components = null);
