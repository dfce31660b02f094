using AngleSharp.Dom;
using Bunit;
using InboxApp.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>
/// The inbox list's filter picker: closed it is markup that looks like a closed <c>MudSelect</c> and renders no options
/// (no components at all); used, it is the real <c>MudSelect</c>, opened, and a choice reaches the page.
/// </summary>
public sealed class FilterSelectTests : MudBunitContext
{
    private static string Text(string? value) => value switch { "me" => "Mine", "unassigned" => "Unassigned", _ => "Everyone" };

    private static RenderFragment Options => b =>
    {
        foreach (var (value, text) in new[] { ("", "Everyone"), ("me", "Mine"), ("unassigned", "Unassigned") })
        {
            b.OpenComponent<MudSelectItem<string>>(0);
            b.AddAttribute(1, nameof(MudSelectItem<string>.Value), value);
            b.AddAttribute(2, nameof(MudSelectItem<string>.ChildContent), (RenderFragment)(c => c.AddContent(0, text)));
            b.CloseComponent();
        }
    };

    private IRenderedComponent<FilterSelect<string>> RenderFilter(string value, Action<string>? chosen = null) =>
        Render<FilterSelect<string>>(p => p.Add(s => s.Label, "Assigned to").Add(s => s.Value, value).Add(s => s.ToStringFunc, Text)
            .Add(s => s.Class, "list-filter").Add(s => s.ValueChanged, v => chosen?.Invoke(v)).Add(s => s.ChildContent, Options));

    /// <summary>Each element as tag and classes, and the input's accessible name, role and value: what is seen and found.</summary>
    private static List<string> Shape(INodeList nodes) => nodes.OfType<IElement>().SelectMany(e => e.DescendantsAndSelf<IElement>())
        .Where(e => !e.ClassList.Contains("mud-popover-cascading-value") && e.GetAttribute("style") != "display:none")
        .Select(e => $"{e.LocalName}.{string.Join('.', e.ClassList.Order())} {(e.LocalName == "input"
            ? $"role={e.GetAttribute("role")} aria-label={e.GetAttribute("aria-label")} aria-haspopup={e.GetAttribute("aria-haspopup")} value={e.GetAttribute("value")} readonly={e.HasAttribute("readonly")}"
            : e.ChildElementCount == 0 ? e.TextContent.Trim() : "")}")
        .ToList();

    [Fact]
    public void Closed_it_looks_like_a_closed_MudSelect_and_renders_no_component_and_no_option()
    {
        var real = Render<MudSelect<string>>(p => p.Add(s => s.Label, "Assigned to").Add(s => s.Value, "me").Add(s => s.ToStringFunc, Text)
            .Add(s => s.Class, "list-filter").Add(s => s.Variant, Variant.Outlined).Add(s => s.Margin, Margin.Dense).Add(s => s.Dense, true)
            .Add(s => s.ChildContent, Options));
        var filter = RenderFilter("me");

        Assert.Equal(Shape(real.Nodes), Shape(filter.Nodes));
        Assert.Equal(filter.Find("input").Id, filter.Find("label").GetAttribute("for"));
        Assert.Empty(filter.FindComponents<MudSelect<string>>());
        Assert.Empty(filter.FindComponents<MudSelectItem<string>>());
    }

    [Fact]
    public async Task Pressed_it_becomes_the_real_select_whose_choice_reaches_the_page()
    {
        var popovers = Render<MudPopoverProvider>();
        string? chosen = null;
        var filter = RenderFilter("", v => chosen = v);

        await filter.Find(".mud-input-control").MouseDownAsync(new());

        filter.WaitForAssertion(() => Assert.Single(filter.FindComponents<MudSelect<string>>()));
        Assert.Equal("Everyone", filter.Find("input").GetAttribute("value"));
        popovers.WaitForAssertion(() => Assert.Equal(["Everyone", "Mine", "Unassigned"],
            popovers.FindAll("[role=option]").Select(o => o.TextContent.Trim())));
        await popovers.FindAll("[role=option]").Single(o => o.TextContent.Trim() == "Unassigned").ClickAsync(new());
        filter.WaitForAssertion(() => Assert.Equal("unassigned", chosen));
    }

    [Theory]
    [InlineData("Enter")]
    [InlineData(" ")]
    [InlineData("ArrowDown")]
    public async Task A_key_that_opens_a_select_makes_it_the_real_select(string key)
    {
        var filter = RenderFilter("me");

        await filter.Find("input").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key });

        filter.WaitForAssertion(() => Assert.Single(filter.FindComponents<MudSelect<string>>()));
    }

    [Fact]
    public async Task Tab_does_not_make_it_the_real_select()
    {
        var filter = RenderFilter("me");

        await filter.Find("input").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Tab" });

        Assert.Empty(filter.FindComponents<MudSelect<string>>());
    }
}
