using InboxApp.Core.Templates;

namespace InboxApp.Tests.Templates;

public sealed class TemplateLintTests
{
    private static TemplateComponentSpec Body(string text, params string[] examples) =>
        new("BODY", Text: text, Example: examples.Length == 0 ? null : new TemplateExample(BodyText: [examples]));

    private static IReadOnlyList<TemplateProblem> Check(TemplateCategory category, params TemplateComponentSpec[] components) =>
        TemplateLint.Check("order_update", "en_US", category, components);

    private static IEnumerable<string> Errors(IReadOnlyList<TemplateProblem> problems, string component) =>
        problems.Where(p => p.Component == component && p.Severity == TemplateProblemSeverity.ERROR).Select(p => p.Message);

    [Fact]
    public void A_well_formed_template_has_no_problems()
    {
        Assert.Empty(Check(TemplateCategory.UTILITY,
            new TemplateComponentSpec("HEADER", "TEXT", "Order {{1}}", new TemplateExample(HeaderText: ["#12"])),
            Body("Hi {{1}}, your order {{2}} has shipped today.", "Ana", "#12"),
            new TemplateComponentSpec("FOOTER", Text: "Acme"),
            new TemplateComponentSpec("BUTTONS", Buttons: [new TemplateButton("QUICK_REPLY", "Thanks"), new TemplateButton("QUICK_REPLY", "Help")])));
    }

    [Theory]
    [InlineData("Order_Update")]
    [InlineData("order-update")]
    [InlineData("")]
    public void The_name_must_be_lowercase_letters_digits_and_underscores(string name) =>
        Assert.Contains(TemplateLint.Check(name, "en_US", TemplateCategory.UTILITY, [Body("Hello there.")]), p => p.Component == "name");

    [Fact]
    public void Variables_are_numbered_without_gaps_and_each_needs_an_example()
    {
        var problems = Check(TemplateCategory.UTILITY, Body("Hello {{1}}, see {{3}} for more about your order.", "Ana"));
        Assert.Contains(Errors(problems, "body"), m => m.Contains("{{2}} is missing"));
        Assert.Contains(Errors(problems, "body"), m => m.Contains("example for the variable {{3}}"));
        Assert.DoesNotContain(Errors(problems, "body"), m => m.Contains("example for the variable {{1}}"));
    }

    [Fact]
    public void The_body_cannot_start_or_end_with_a_variable_nor_mix_named_and_numbered_ones()
    {
        Assert.Contains(Errors(Check(TemplateCategory.UTILITY, Body("{{1}} is your code for the store", "12")), "body"), m => m.Contains("start"));
        Assert.Contains(Errors(Check(TemplateCategory.UTILITY, Body("Your code for the store is {{1}}", "12")), "body"), m => m.Contains("end"));
        var mixed = Check(TemplateCategory.UTILITY, new TemplateComponentSpec("BODY", Text: "Hi {{1}} and {{name}}, welcome to the store.",
            Example: new TemplateExample(BodyText: [["a"]], BodyTextNamedParams: [new TemplateNamedExample("name", "Bo")])));
        Assert.Contains(Errors(mixed, "body"), m => m.Contains("not both"));
    }

    [Fact]
    public void Lengths_of_body_header_footer_and_buttons_follow_metas_limits()
    {
        var problems = Check(TemplateCategory.UTILITY,
            new TemplateComponentSpec("HEADER", "TEXT", new string('h', 61)),
            Body("x" + new string(' ', 0) + new string('b', 1024)),
            new TemplateComponentSpec("FOOTER", Text: new string('f', 61)),
            new TemplateComponentSpec("BUTTONS", Buttons: [new TemplateButton("QUICK_REPLY", new string('q', 26))]));
        Assert.Contains(Errors(problems, "header"), m => m.Contains("60"));
        Assert.Contains(Errors(problems, "body"), m => m.Contains("1024"));
        Assert.Contains(Errors(problems, "footer"), m => m.Contains("60"));
        Assert.Contains(Errors(problems, "buttons[0]"), m => m.Contains("25"));
        Assert.Empty(Errors(Check(TemplateCategory.UTILITY, Body(new string('b', 1024))), "body"));
    }

    [Fact]
    public void Button_counts_and_kinds_follow_metas_limits()
    {
        var url = new TemplateButton("URL", "Open", "https://acme.test");
        var problems = Check(TemplateCategory.MARKETING, Body("Our spring collection is here."),
            new TemplateComponentSpec("BUTTONS", Buttons: [url, url, url, new TemplateButton("PHONE_NUMBER", "Call", PhoneNumber: "+15550100"),
                new TemplateButton("PHONE_NUMBER", "Call", PhoneNumber: "+15550101"), new TemplateButton("QUICK_REPLY", "A"), new TemplateButton("URL", "x", "ftp://x"),
                new TemplateButton("QUICK_REPLY", "B"), new TemplateButton("OTP", OtpType: "COPY_CODE"), new TemplateButton("QUICK_REPLY", "C"), new TemplateButton("QUICK_REPLY", "D")]));
        var messages = Errors(problems, "buttons").ToList();
        Assert.Contains(messages, m => m.Contains("at most 10 buttons"));
        Assert.Contains(messages, m => m.Contains("at most 2 URL"));
        Assert.Contains(messages, m => m.Contains("phone number button"));
        Assert.Contains(messages, m => m.Contains("grouped"));
        Assert.Contains(Errors(problems, "buttons[6]"), m => m.Contains("https"));
        Assert.Contains(Errors(problems, "buttons[8]"), m => m.Contains("AUTHENTICATION"));
    }

    [Fact]
    public void A_url_variable_sits_at_the_end_with_an_example_and_a_copy_code_needs_a_short_code()
    {
        var problems = Check(TemplateCategory.MARKETING, Body("Your offer is ready for you."),
            new TemplateComponentSpec("BUTTONS", Buttons: [new TemplateButton("URL", "Open", "https://acme.test/{{1}}/x"),
                new TemplateButton("URL", "Track", "https://acme.test/{{1}}"), new TemplateButton("COPY_CODE", Example: System.Text.Json.JsonDocument.Parse("\"WAYTOOLONGCOUPON1\"").RootElement)]));
        Assert.Contains(Errors(problems, "buttons[0]"), m => m.Contains("very end"));
        Assert.Contains(Errors(problems, "buttons[1]"), m => m.Contains("example"));
        Assert.Contains(Errors(problems, "buttons[2]"), m => m.Contains("15"));
    }

    [Fact]
    public void Category_hints_warn_without_blocking()
    {
        var problems = Check(TemplateCategory.UTILITY, Body("Big sale this weekend: 20% off everything in store."));
        var hint = Assert.Single(problems, p => p.Component == "category");
        Assert.Equal(TemplateProblemSeverity.WARNING, hint.Severity);
        Assert.False(TemplateLint.HasErrors(problems));
        Assert.Contains(Check(TemplateCategory.AUTHENTICATION, Body("Your code is {{1}}. Do not share it.", "123456")), p => p.Component == "buttons");
    }

    [Fact]
    public void Media_headers_need_an_example_file_and_components_appear_once()
    {
        var problems = Check(TemplateCategory.MARKETING, new TemplateComponentSpec("HEADER", "IMAGE"), Body("Look at our new store."), Body("Again."));
        Assert.Contains(Errors(problems, "header"), m => m.Contains("example file"));
        Assert.Contains(Errors(problems, "body"), m => m.Contains("at most one"));
    }

    [Fact]
    public void The_renderer_fills_values_then_examples_and_builds_metas_send_shape()
    {
        IReadOnlyList<TemplateComponentSpec> components =
        [
            new("HEADER", "TEXT", "Order {{1}}", new TemplateExample(HeaderText: ["#1"])),
            Body("Hi {{1}}, order {{2}} has shipped today.", "Ana", "#1"),
            new("BUTTONS", Buttons: [new TemplateButton("URL", "Track", "https://acme.test/t/{{1}}", Example: System.Text.Json.JsonDocument.Parse("[\"https://acme.test/t/abc\"]").RootElement)]),
        ];
        var values = TemplateRenderer.Normalize(new Dictionary<string, string?> { ["1"] = "Bo", ["body.2"] = "#77", ["header.1"] = "#77", ["button.0"] = "q77" });
        var rendered = TemplateRenderer.Render(components, values);
        Assert.Equal("Order #77", rendered.HeaderText);
        Assert.Equal("Hi Bo, order #77 has shipped today.", rendered.Body);
        Assert.Equal("Hi Ana, order #1 has shipped today.", TemplateRenderer.Render(components).Body);
        Assert.Equal("abc", TemplateRenderer.Variables(components).Single(v => v.Key == "button.0").Example);
        var content = TemplateRenderer.SendContent("order_update", "en_US", TemplateParameterFormat.POSITIONAL, components, values);
        Assert.Equal(["header", "body", "button"], content.Components!.Select(c => c.Type));
        Assert.Equal(["Bo", "#77"], content.Components![1].Parameters!.Select(p => p.Text));
        Assert.Equal("url", content.Components[2].SubType);
        var missing = Assert.Throws<InboxApp.Core.Common.InboxException>(() =>
            TemplateRenderer.SendContent("order_update", "en_US", TemplateParameterFormat.POSITIONAL, components, TemplateRenderer.Normalize(new Dictionary<string, string?> { ["1"] = "Bo", ["9"] = "x" })));
        Assert.Contains("parameters.body.2", missing.Details!.Keys);
        Assert.Contains("parameters.body.9", missing.Details!.Keys);
    }
}
