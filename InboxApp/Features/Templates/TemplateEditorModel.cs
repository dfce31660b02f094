using System.Text.Json;
using InboxApp.Core.Templates;

namespace InboxApp.Features.Templates;

/// <summary>One button as the editor edits it.</summary>
public sealed class ButtonModel
{
    public string Type { get; set; } = "QUICK_REPLY";
    public string? Text { get; set; }
    public string? Url { get; set; }
    public string? PhoneNumber { get; set; }
    /// <summary>The full example URL (URL with a variable) or the code (copy code).</summary>
    public string? Example { get; set; }
}

/// <summary>
/// The template editor's form: header (none, text, or an uploaded image, video or document), body with an example per
/// variable, footer and buttons, turned into Meta's components (and back). The lint and the preview run on what it gives.
/// </summary>
public sealed class TemplateEditorModel
{
    public static readonly string[] HeaderFormats = ["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT"];
    public static readonly string[] ButtonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE"];

    public string Name { get; set; } = "";
    public string Language { get; set; } = "en_US";
    public TemplateCategory Category { get; set; } = TemplateCategory.UTILITY;
    public Guid? AccountId { get; set; }
    public string HeaderFormat { get; set; } = "NONE";
    public string? HeaderText { get; set; }
    public string? HeaderExample { get; set; }
    public string? HeaderHandle { get; set; }
    public string? BodyText { get; set; }
    /// <summary>Examples of the body's variables, by variable (<c>1</c>, <c>first_name</c>).</summary>
    public Dictionary<string, string> BodyExamples { get; set; } = new();
    public string? FooterText { get; set; }
    public List<ButtonModel> Buttons { get; set; } = [];

    public IReadOnlyList<string> BodyVariables => TemplateLint.Variables(BodyText).Distinct().ToList();

    public IReadOnlyList<TemplateComponentSpec> ToComponents()
    {
        var components = new List<TemplateComponentSpec>();
        if (HeaderFormat == "TEXT")
        {
            var variable = TemplateLint.Variables(HeaderText).FirstOrDefault();
            var example = variable is null || string.IsNullOrWhiteSpace(HeaderExample) ? null
                : TemplateLint.IsPositional(variable) ? new TemplateExample(HeaderText: [HeaderExample])
                : new TemplateExample(HeaderTextNamedParams: [new TemplateNamedExample(variable, HeaderExample)]);
            components.Add(new TemplateComponentSpec("HEADER", "TEXT", HeaderText, example));
        }
        else if (HeaderFormat != "NONE")
        {
            components.Add(new TemplateComponentSpec("HEADER", HeaderFormat, Example: HeaderHandle is null ? null : new TemplateExample(HeaderHandle: [HeaderHandle])));
        }
        var variables = BodyVariables;
        TemplateExample? bodyExample = null;
        if (variables.Count > 0)
        {
            if (variables.All(TemplateLint.IsPositional))
            {
                var count = variables.Select(int.Parse).Max();
                bodyExample = new TemplateExample(BodyText: [Enumerable.Range(1, count).Select(n => BodyExamples.GetValueOrDefault(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? "").ToList()]);
            }
            else
            {
                bodyExample = new TemplateExample(BodyTextNamedParams: variables.Where(v => !TemplateLint.IsPositional(v))
                    .Select(v => new TemplateNamedExample(v, BodyExamples.GetValueOrDefault(v) ?? "")).ToList());
            }
        }
        components.Add(new TemplateComponentSpec("BODY", Text: BodyText, Example: bodyExample));
        if (!string.IsNullOrWhiteSpace(FooterText)) components.Add(new TemplateComponentSpec("FOOTER", Text: FooterText));
        if (Buttons.Count > 0)
        {
            components.Add(new TemplateComponentSpec("BUTTONS", Buttons: Buttons.Select(b => b.Type switch
            {
                "URL" => new TemplateButton("URL", b.Text, b.Url, Example: TemplateLint.Variables(b.Url).Count > 0 && !string.IsNullOrWhiteSpace(b.Example)
                    ? JsonSerializer.SerializeToElement(new[] { b.Example }) : null),
                "PHONE_NUMBER" => new TemplateButton("PHONE_NUMBER", b.Text, PhoneNumber: b.PhoneNumber),
                "COPY_CODE" => new TemplateButton("COPY_CODE", Example: string.IsNullOrWhiteSpace(b.Example) ? null : JsonSerializer.SerializeToElement(b.Example)),
                _ => new TemplateButton("QUICK_REPLY", b.Text),
            }).ToList()));
        }
        return components;
    }

    public static TemplateEditorModel From(TemplateDto template)
    {
        var components = TemplateJson.Parse(template.Components.GetRawText());
        var model = new TemplateEditorModel { Name = template.Name, Language = template.Language, Category = template.Category, AccountId = template.AccountId };
        if (components.Find("HEADER") is { } header)
        {
            model.HeaderFormat = header.HeaderFormat;
            model.HeaderText = header.Text;
            model.HeaderExample = header.Example?.HeaderText?.FirstOrDefault() ?? header.Example?.HeaderTextNamedParams?.FirstOrDefault()?.Example;
            model.HeaderHandle = header.Example?.HeaderHandle?.FirstOrDefault();
        }
        if (components.Find("BODY") is { } body)
        {
            model.BodyText = body.Text;
            if (body.Example?.BodyText is { Count: > 0 } rows)
                for (var i = 0; i < rows[0].Count; i++) model.BodyExamples[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = rows[0][i];
            foreach (var named in body.Example?.BodyTextNamedParams ?? [])
                if (named.ParamName is not null && named.Example is not null) model.BodyExamples[named.ParamName] = named.Example;
        }
        model.FooterText = components.Find("FOOTER")?.Text;
        foreach (var b in components.Find("BUTTONS")?.Buttons ?? [])
            model.Buttons.Add(new ButtonModel { Type = b.Type?.ToUpperInvariant() ?? "QUICK_REPLY", Text = b.Text, Url = b.Url, PhoneNumber = b.PhoneNumber, Example = b.ExampleValue });
        return model;
    }
}
