using InboxApp.Core.Common;
using InboxApp.Core.Messaging;

namespace InboxApp.Core.Templates;

/// <summary>
/// A value a send must (or may) give: <c>header.1</c> / <c>header.{name}</c>, <c>body.1</c> / <c>body.{name}</c>,
/// <c>button.{index}</c> (the end of a URL, or the code of a copy-code or OTP button) and <c>header.media</c> (an https
/// link or a media id for an image, video or document header; optional when the template keeps its example file).
/// </summary>
public sealed record TemplateVariable(string Key, string Component, string Label, string? Example, bool Required = true);

public sealed record RenderedButton(string Type, string Text);

/// <summary>A template as WhatsApp shows it: header (text, or the kind of media), body, footer and buttons, values filled.</summary>
public sealed record RenderedTemplate(string? HeaderFormat, string? HeaderText, string Body, string? Footer, IReadOnlyList<RenderedButton> Buttons)
{
    /// <summary>The text kept on the sent message (WhatsApp's own markup: the header bold, the footer in italics).</summary>
    public string ToMessageText()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(HeaderText)) parts.Add($"*{HeaderText.Trim()}*");
        else if (HeaderFormat is { } format and not "TEXT") parts.Add($"[{format.ToLowerInvariant()}]");
        parts.Add(Body);
        if (!string.IsNullOrWhiteSpace(Footer)) parts.Add($"_{Footer.Trim()}_");
        if (Buttons.Count > 0) parts.Add(string.Join("\n", Buttons.Select(b => "▸ " + b.Text)));
        var text = string.Join("\n\n", parts);
        return text.Length <= MessageSender.MaxTextLength ? text : text[..MessageSender.MaxTextLength];
    }
}

/// <summary>Fills a template's variables: for the preview (examples by default) and for sending (Meta's send shape).</summary>
public static class TemplateRenderer
{
    public static IReadOnlyList<TemplateVariable> Variables(IReadOnlyList<TemplateComponentSpec> components, bool hasStoredHeaderMedia = false)
    {
        var list = new List<TemplateVariable>();
        if (components.Find("HEADER") is { } header)
        {
            if (header.HeaderFormat == "TEXT")
            {
                foreach (var v in TemplateLint.Variables(header.Text).Distinct())
                {
                    var example = TemplateLint.IsPositional(v) ? header.Example?.HeaderText?.FirstOrDefault()
                        : header.Example?.HeaderTextNamedParams?.FirstOrDefault(p => p.ParamName == v)?.Example;
                    list.Add(new TemplateVariable($"header.{v}", "header", $"Header {{{{{v}}}}}", example));
                }
            }
            else if (header.HeaderFormat is "IMAGE" or "VIDEO" or "DOCUMENT")
                list.Add(new TemplateVariable("header.media", "header", $"Header {header.HeaderFormat.ToLowerInvariant()} (https link or media id)", null, !hasStoredHeaderMedia));
        }
        if (components.Find("BODY") is { } body)
        {
            var row = body.Example?.BodyText is { Count: > 0 } rows ? rows[0] : [];
            foreach (var v in TemplateLint.Variables(body.Text).Distinct())
            {
                var example = TemplateLint.IsPositional(v)
                    ? int.TryParse(v, out var n) && n >= 1 && n <= row.Count ? row[n - 1] : null
                    : body.Example?.BodyTextNamedParams?.FirstOrDefault(p => p.ParamName == v)?.Example;
                list.Add(new TemplateVariable($"body.{v}", "body", $"Body {{{{{v}}}}}", example));
            }
        }
        if (components.Find("BUTTONS")?.Buttons is { } buttons)
        {
            for (var i = 0; i < buttons.Count; i++)
            {
                var b = buttons[i];
                switch (b.Type?.Trim().ToUpperInvariant())
                {
                    case "URL" when TemplateLint.Variables(b.Url).Count > 0:
                        var prefix = TemplateLint.VariablePattern().Replace(b.Url!, "");
                        var full = b.ExampleValue;
                        list.Add(new TemplateVariable($"button.{i}", "buttons", $"End of the link of \"{b.Text}\"",
                            full is not null && full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : full));
                        break;
                    case "COPY_CODE":
                        list.Add(new TemplateVariable($"button.{i}", "buttons", "Code to copy", b.ExampleValue));
                        break;
                    case "OTP":
                        list.Add(new TemplateVariable($"button.{i}", "buttons", "One-time password", null));
                        break;
                }
            }
        }
        return list;
    }

    /// <summary>
    /// The values keyed as <see cref="TemplateVariable.Key"/>; a bare <c>1</c> or <c>first_name</c> means the body's.
    /// Blank values are left out.
    /// </summary>
    public static Dictionary<string, string> Normalize(IReadOnlyDictionary<string, string?>? values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values is null) return result;
        foreach (var (key, value) in values)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var k = key.Trim();
            if (!k.Contains('.')) k = "body." + k;
            result[k] = value;
        }
        return result;
    }

    /// <summary>The template with <paramref name="values"/> filled; a missing value shows its example, else the variable itself.</summary>
    public static RenderedTemplate Render(IReadOnlyList<TemplateComponentSpec> components, IReadOnlyDictionary<string, string>? values = null)
    {
        var variables = Variables(components).ToDictionary(v => v.Key);
        string Fill(string component, string? text) => text is null ? "" : TemplateLint.VariablePattern().Replace(text, m =>
        {
            var key = $"{component}.{m.Groups[1].Value.Trim()}";
            return values?.GetValueOrDefault(key) ?? variables.GetValueOrDefault(key)?.Example ?? m.Value;
        });
        var header = components.Find("HEADER");
        var buttons = (components.Find("BUTTONS")?.Buttons ?? [])
            .Select(b => new RenderedButton(b.Type?.Trim().ToUpperInvariant() ?? "", b.Type?.Trim().ToUpperInvariant() switch
            {
                "COPY_CODE" => "Copy offer code",
                "OTP" => string.IsNullOrWhiteSpace(b.Text) ? "Copy code" : b.Text,
                _ => b.Text ?? "",
            })).ToList();
        return new RenderedTemplate(header?.HeaderFormat, header?.HeaderFormat == "TEXT" ? Fill("header", header.Text) : null,
            Fill("body", components.Find("BODY")?.Text), components.Find("FOOTER")?.Text, buttons);
    }

    /// <summary>
    /// The Cloud API send object of an approved template: every variable needs a value (400 naming <c>parameters.{key}</c>);
    /// a media header uses <c>header.media</c> or, when absent, <paramref name="storedHeaderMediaId"/>.
    /// </summary>
    public static TemplateContent SendContent(string name, string language, TemplateParameterFormat format, IReadOnlyList<TemplateComponentSpec> components,
        IReadOnlyDictionary<string, string> values, string? storedHeaderMediaId = null)
    {
        var errors = new Dictionary<string, string[]>();
        string? Value(TemplateVariable v)
        {
            if (values.TryGetValue(v.Key, out var value)) return value;
            if (v.Required) errors[$"parameters.{v.Key}"] = [$"A value for {v.Label} is required"];
            return null;
        }
        var variables = Variables(components, storedHeaderMediaId is not null);
        var sendComponents = new List<TemplateComponent>();
        var header = components.Find("HEADER");
        var headerVars = variables.Where(v => v.Component == "header").ToList();
        if (header is not null && headerVars.Count > 0)
        {
            var v = headerVars[0];
            var value = Value(v);
            if (v.Key == "header.media")
            {
                var media = value ?? storedHeaderMediaId;
                if (media is not null)
                {
                    var isLink = media.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                    if (!isLink && media.Contains("://", StringComparison.Ordinal)) errors["parameters.header.media"] = ["The header media must be an https link or a media id"];
                    var m = isLink ? new TemplateMedia(Link: media) : new TemplateMedia(Id: media);
                    var type = header.HeaderFormat.ToLowerInvariant();
                    sendComponents.Add(new TemplateComponent("header", [type switch
                    {
                        "image" => new TemplateParameter("image", Image: m),
                        "video" => new TemplateParameter("video", Video: m),
                        _ => new TemplateParameter("document", Document: m),
                    }]));
                }
            }
            else if (value is not null)
            {
                var paramName = format == TemplateParameterFormat.NAMED ? v.Key["header.".Length..] : null;
                sendComponents.Add(new TemplateComponent("header", [new TemplateParameter("text", Text: value, ParameterName: paramName)]));
            }
        }
        var bodyVars = variables.Where(v => v.Component == "body").ToList();
        if (format == TemplateParameterFormat.POSITIONAL)
            bodyVars = bodyVars.OrderBy(v => int.TryParse(v.Key["body.".Length..], out var n) ? n : int.MaxValue).ToList();
        var bodyParameters = new List<TemplateParameter>();
        foreach (var v in bodyVars)
        {
            var value = Value(v);
            if (value is not null)
                bodyParameters.Add(new TemplateParameter("text", Text: value, ParameterName: format == TemplateParameterFormat.NAMED ? v.Key["body.".Length..] : null));
        }
        if (bodyParameters.Count > 0) sendComponents.Add(new TemplateComponent("body", bodyParameters));
        var buttons = components.Find("BUTTONS")?.Buttons ?? [];
        foreach (var v in variables.Where(v => v.Component == "buttons"))
        {
            var index = int.Parse(v.Key["button.".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var value = Value(v);
            if (value is null) continue;
            var kind = buttons[index].Type?.Trim().ToUpperInvariant();
            sendComponents.Add(kind == "COPY_CODE"
                ? new TemplateComponent("button", [new TemplateParameter("coupon_code", CouponCode: value)], "copy_code", index)
                : new TemplateComponent("button", [new TemplateParameter("text", Text: value)], "url", index));
        }
        var unknown = values.Keys.Where(k => !variables.Any(v => v.Key == k)).ToList();
        foreach (var key in unknown) errors[$"parameters.{key}"] = [$"The template has no variable {key}"];
        if (errors.Count > 0) throw InboxException.Invalid(errors);
        return new TemplateContent(name, language, sendComponents);
    }
}
