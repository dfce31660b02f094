using System.Text.RegularExpressions;

namespace InboxApp.Core.Templates;

public enum TemplateProblemSeverity { ERROR, WARNING }

/// <summary>
/// One problem the lint found, tied to what it is about: <c>name</c>, <c>language</c>, <c>category</c>, <c>components</c>,
/// <c>header</c>, <c>body</c>, <c>footer</c>, <c>buttons</c> or <c>buttons[i]</c>. Errors block a submit; warnings are hints.
/// </summary>
public sealed record TemplateProblem(string Component, string Message, TemplateProblemSeverity Severity = TemplateProblemSeverity.ERROR);

/// <summary>
/// Meta's rules for a template, checked before it is submitted so that a template is not rejected for something we can
/// see: name and language shape, one body of at most 1,024 characters, header and footer text of at most 60, variables
/// numbered 1…n without gaps, each with an example, none at the very start or end of the body, button counts and label
/// lengths, and hints about the category Meta is likely to give.
/// </summary>
public static partial class TemplateLint
{
    public const int MaxBodyLength = 1024;
    public const int MaxHeaderTextLength = 60;
    public const int MaxFooterLength = 60;
    public const int MaxButtons = 10;
    public const int MaxUrlButtons = 2;
    public const int MaxPhoneButtons = 1;
    public const int MaxCopyCodeButtons = 1;
    public const int MaxButtonLabelLength = 25;
    public const int MaxCouponCodeLength = 15;
    public const int MaxUrlLength = 2000;
    public const int MaxPhoneLength = 20;

    public static readonly string[] HeaderFormats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];
    public static readonly string[] ButtonTypes = ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP"];

    private static readonly string[] MarketingWords =
        ["sale", "discount", "% off", "offer", "promo", "coupon", "deal", "limited time", "buy now", "free gift", "new arrivals", "black friday", "shop now"];

    public static IReadOnlyList<TemplateProblem> Check(string? name, string? language, TemplateCategory? category, IReadOnlyList<TemplateComponentSpec>? components)
    {
        var problems = new List<TemplateProblem>();
        void Error(string where, string message) => problems.Add(new TemplateProblem(where, message));
        void Warn(string where, string message) => problems.Add(new TemplateProblem(where, message, TemplateProblemSeverity.WARNING));

        if (string.IsNullOrWhiteSpace(name)) Error("name", "The name is required");
        else if (name.Length > MessageTemplate.MaxNameLength) Error("name", $"The name must be at most {MessageTemplate.MaxNameLength} characters");
        else if (!NameShape().IsMatch(name)) Error("name", "The name may only hold lowercase letters, digits and underscores");
        if (string.IsNullOrWhiteSpace(language) || !LanguageShape().IsMatch(language)) Error("language", "The language must be a code such as en, en_US or pt_BR");
        if (category is null) Error("category", "The category is required: MARKETING, UTILITY or AUTHENTICATION");

        components ??= [];
        var seen = new HashSet<string>();
        for (var i = 0; i < components.Count; i++)
        {
            var kind = components[i].Kind;
            if (kind is not ("HEADER" or "BODY" or "FOOTER" or "BUTTONS")) Error($"components[{i}]", "type must be HEADER, BODY, FOOTER or BUTTONS");
            else if (!seen.Add(kind)) Error(kind.ToLowerInvariant(), $"A template has at most one {kind}");
        }
        var header = components.Find("HEADER");
        var body = components.Find("BODY");
        var footer = components.Find("FOOTER");
        var buttons = components.Find("BUTTONS");
        var named = new HashSet<bool>();

        if (header is not null) Header(header, category, Error, named);
        if (body is null) Error("body", "A template needs a body");
        else Body(body, Error, named);
        if (named.Count > 1) Error("body", "Use either numbered variables ({{1}}) or named ones ({{first_name}}), not both");
        if (footer is not null)
        {
            if (string.IsNullOrWhiteSpace(footer.Text)) Error("footer", "The footer text is required (or remove the footer)");
            else if (footer.Text.Length > MaxFooterLength) Error("footer", $"The footer must be at most {MaxFooterLength} characters (it has {footer.Text.Length})");
            if (Variables(footer.Text).Count > 0) Error("footer", "The footer cannot contain variables");
        }
        if (buttons is not null) Buttons(buttons, category, Error);

        if (category == TemplateCategory.AUTHENTICATION && buttons?.Buttons?.Any(b => Kind(b) == "OTP") != true)
            Error("buttons", "An authentication template needs a one-time password (OTP) button");
        if (category == TemplateCategory.UTILITY && body?.Text is { } text)
        {
            var lower = text.ToLowerInvariant();
            var words = MarketingWords.Where(w => lower.Contains(w, StringComparison.Ordinal)).ToList();
            if (words.Count > 0)
                Warn("category", $"The body reads as promotional ({string.Join(", ", words.Select(w => $"\"{w}\""))}): Meta is likely to recategorize it as MARKETING");
        }
        if (category == TemplateCategory.MARKETING && body?.Text is { } marketingText && (marketingText.Contains("verification code", StringComparison.OrdinalIgnoreCase)
                || marketingText.Contains("one-time password", StringComparison.OrdinalIgnoreCase)))
            Warn("category", "One-time passwords and verification codes belong in an AUTHENTICATION template");
        return problems;
    }

    public static bool HasErrors(IEnumerable<TemplateProblem> problems) => problems.Any(p => p.Severity == TemplateProblemSeverity.ERROR);

    /// <summary>Whether the components use named variables (<c>{{first_name}}</c>) rather than numbered ones.</summary>
    public static TemplateParameterFormat FormatOf(IReadOnlyList<TemplateComponentSpec> components) =>
        components.Where(c => c.Kind is "HEADER" or "BODY").SelectMany(c => Variables(c.Text)).Any(v => !IsPositional(v))
            ? TemplateParameterFormat.NAMED : TemplateParameterFormat.POSITIONAL;

    /// <summary>The variables of a text in order of appearance (inner text of each <c>{{…}}</c>, trimmed).</summary>
    public static IReadOnlyList<string> Variables(string? text) =>
        text is null ? [] : VariablePattern().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();

    public static bool IsPositional(string variable) => variable.Length > 0 && variable.All(char.IsAsciiDigit);

    private static void Header(TemplateComponentSpec header, TemplateCategory? category, Action<string, string> error, HashSet<bool> named)
    {
        var format = header.HeaderFormat;
        if (!HeaderFormats.Contains(format))
        {
            error("header", "The header format must be TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION");
            return;
        }
        if (category == TemplateCategory.AUTHENTICATION) error("header", "Authentication templates have no header");
        if (format != "TEXT")
        {
            if (format != "LOCATION" && header.Example?.HeaderHandle is not { Count: > 0 })
                error("header", $"A {format.ToLowerInvariant()} header needs an example file: upload one (header_handle)");
            return;
        }
        if (string.IsNullOrWhiteSpace(header.Text))
        {
            error("header", "The header text is required (or remove the header)");
            return;
        }
        if (header.Text.Length > MaxHeaderTextLength) error("header", $"The header must be at most {MaxHeaderTextLength} characters (it has {header.Text.Length})");
        var variables = Variables(header.Text);
        if (variables.Count > 1) error("header", "The header may contain at most one variable");
        if (variables.Count == 0) return;
        CheckShapes("header", variables, error, named);
        var v = variables[0];
        if (IsPositional(v))
        {
            if (v != "1") error("header", "The header's variable must be {{1}}");
            if (header.Example?.HeaderText is not { Count: > 0 } examples || string.IsNullOrWhiteSpace(examples[0]))
                error("header", "Give an example for the header's variable {{1}}");
        }
        else if (header.Example?.HeaderTextNamedParams?.Any(p => p.ParamName == v && !string.IsNullOrWhiteSpace(p.Example)) != true)
            error("header", $"Give an example for the header's variable {{{{{v}}}}}");
    }

    private static void Body(TemplateComponentSpec body, Action<string, string> error, HashSet<bool> named)
    {
        var text = body.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            error("body", "The body text is required");
            return;
        }
        if (text.Length > MaxBodyLength) error("body", $"The body must be at most {MaxBodyLength} characters (it has {text.Length})");
        var trimmed = text.Trim();
        if (trimmed.StartsWith("{{", StringComparison.Ordinal)) error("body", "The body cannot start with a variable: put some words before it");
        if (trimmed.EndsWith("}}", StringComparison.Ordinal)) error("body", "The body cannot end with a variable: put some words (or a full stop) after it");
        if (VariablePattern().Replace(text, "").Contains("{{", StringComparison.Ordinal))
            error("body", "A variable is not closed with }}");
        var variables = Variables(text);
        if (variables.Count == 0) return;
        CheckShapes("body", variables, error, named);
        var positional = variables.Where(IsPositional).Select(int.Parse).Distinct().Order().ToList();
        if (positional.Count > 0)
        {
            for (var i = 0; i < positional.Count; i++)
            {
                if (positional[i] == i + 1) continue;
                error("body", $"Variables must be numbered from {{{{1}}}} without gaps: {{{{{i + 1}}}}} is missing");
                break;
            }
            var examples = body.Example?.BodyText is { Count: > 0 } rows ? rows[0] : [];
            foreach (var n in positional.Where(n => n > examples.Count || string.IsNullOrWhiteSpace(examples[n - 1])))
                error("body", $"Give an example for the variable {{{{{n}}}}}");
        }
        foreach (var name in variables.Where(v => !IsPositional(v)).Distinct())
            if (body.Example?.BodyTextNamedParams?.Any(p => p.ParamName == name && !string.IsNullOrWhiteSpace(p.Example)) != true)
                error("body", $"Give an example for the variable {{{{{name}}}}}");
        var words = VariablePattern().Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words < variables.Count * 2 + 1)
            error("body", "The body has too many variables for its length: Meta rejects templates that are mostly variables");
    }

    private static void CheckShapes(string where, IReadOnlyList<string> variables, Action<string, string> error, HashSet<bool> named)
    {
        foreach (var v in variables)
        {
            if (IsPositional(v)) named.Add(false);
            else if (NamedShape().IsMatch(v)) named.Add(true);
            else error(where, $"{{{{{v}}}}} is not a variable: use {{{{1}}}}, {{{{2}}}}… or lowercase names such as {{{{first_name}}}}");
        }
    }

    private static string Kind(TemplateButton b) => b.Type?.Trim().ToUpperInvariant() ?? "";

    private static void Buttons(TemplateComponentSpec component, TemplateCategory? category, Action<string, string> error)
    {
        var buttons = component.Buttons ?? [];
        if (buttons.Count == 0)
        {
            error("buttons", "Add at least one button (or remove the buttons)");
            return;
        }
        if (buttons.Count > MaxButtons) error("buttons", $"A template has at most {MaxButtons} buttons");
        var kinds = buttons.Select(Kind).ToList();
        if (kinds.Count(k => k == "URL") > MaxUrlButtons) error("buttons", $"A template has at most {MaxUrlButtons} URL buttons");
        if (kinds.Count(k => k == "PHONE_NUMBER") > MaxPhoneButtons) error("buttons", $"A template has at most {MaxPhoneButtons} phone number button");
        if (kinds.Count(k => k == "COPY_CODE") > MaxCopyCodeButtons) error("buttons", $"A template has at most {MaxCopyCodeButtons} copy code button");
        if (kinds.Count(k => k == "OTP") > 1) error("buttons", "A template has at most one OTP button");
        var firstQuick = kinds.IndexOf("QUICK_REPLY");
        var lastQuick = kinds.LastIndexOf("QUICK_REPLY");
        if (firstQuick >= 0 && kinds.Skip(firstQuick).Take(lastQuick - firstQuick + 1).Any(k => k != "QUICK_REPLY"))
            error("buttons", "Quick reply buttons must be grouped together, before or after the other buttons");
        for (var i = 0; i < buttons.Count; i++)
        {
            var b = buttons[i];
            var where = $"buttons[{i}]";
            var kind = kinds[i];
            if (!ButtonTypes.Contains(kind))
            {
                error(where, "The button type must be QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE or OTP");
                continue;
            }
            if (kind is not ("COPY_CODE" or "OTP"))
            {
                if (string.IsNullOrWhiteSpace(b.Text)) error(where, "The button needs a label");
                else if (b.Text.Length > MaxButtonLabelLength) error(where, $"A button label must be at most {MaxButtonLabelLength} characters (it has {b.Text.Length})");
                if (Variables(b.Text).Count > 0) error(where, "A button label cannot contain variables");
            }
            switch (kind)
            {
                case "URL":
                    if (string.IsNullOrWhiteSpace(b.Url) || b.Url.Length > MaxUrlLength
                        || !Uri.TryCreate(VariablePattern().Replace(b.Url, "x"), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                    {
                        error(where, "The button needs a web address starting with https://");
                        break;
                    }
                    var urlVariables = Variables(b.Url);
                    if (urlVariables.Count > 1 || (urlVariables.Count == 1 && (urlVariables[0] != "1" || !b.Url.TrimEnd().EndsWith("}}", StringComparison.Ordinal))))
                        error(where, "A URL may hold one variable, {{1}}, at its very end");
                    else if (urlVariables.Count == 1 && string.IsNullOrWhiteSpace(b.ExampleValue))
                        error(where, "Give an example of the full URL for the variable {{1}}");
                    break;
                case "PHONE_NUMBER":
                    if (string.IsNullOrWhiteSpace(b.PhoneNumber) || b.PhoneNumber.Length > MaxPhoneLength || !PhoneShape().IsMatch(b.PhoneNumber))
                        error(where, "The button needs a phone number with its country code, such as +15550100100");
                    break;
                case "COPY_CODE":
                    if (string.IsNullOrWhiteSpace(b.ExampleValue)) error(where, "Give an example code for the copy code button");
                    else if (b.ExampleValue.Length > MaxCouponCodeLength) error(where, $"The code must be at most {MaxCouponCodeLength} characters");
                    break;
                case "OTP":
                    if (category != TemplateCategory.AUTHENTICATION) error(where, "OTP buttons are only for AUTHENTICATION templates");
                    if (b.OtpType?.Trim().ToUpperInvariant() is not ("COPY_CODE" or "ONE_TAP" or "ZERO_TAP"))
                        error(where, "otp_type must be COPY_CODE, ONE_TAP or ZERO_TAP");
                    if (b.Text is { Length: > MaxButtonLabelLength }) error(where, $"A button label must be at most {MaxButtonLabelLength} characters");
                    break;
            }
        }
    }

    [GeneratedRegex(@"\{\{([^{}]*)\}\}", RegexOptions.CultureInvariant)]
    public static partial Regex VariablePattern();

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NameShape();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedShape();

    [GeneratedRegex(@"^[a-z]{2,3}(_[A-Z]{2,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageShape();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();
}
