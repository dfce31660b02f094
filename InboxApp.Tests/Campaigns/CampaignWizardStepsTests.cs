using Bunit;
using InboxApp.Core.Templates;
using InboxApp.Features.Campaigns;
using InboxApp.Tests.Inbox.Components;
using Microsoft.AspNetCore.Components;

namespace InboxApp.Tests.Campaigns;

/// <summary>
/// The campaign wizard's step components on their own (bunit): each says what keeps the wizard from its next step, from
/// what was typed or chosen in it. (The whole wizard, through a browser: <c>InboxApp.E2E/Campaigns/CampaignWizardTests</c>.)
/// </summary>
public sealed class CampaignWizardStepsTests : MudBunitContext
{
    private static readonly IReadOnlyList<TemplateComponentSpec> FollowUp =
        [new("BODY", Text: "Hello {{1}}, we are following up on {{2}}.", Example: new TemplateExample(BodyText: [["Ana", "your order"]]))];

    private static TemplateDto Template(IReadOnlyList<TemplateComponentSpec> components)
    {
        var now = DateTimeOffset.UtcNow;
        var variables = TemplateRenderer.Variables(components);
        return new TemplateDto(Guid.NewGuid(), Guid.NewGuid(), "follow_up", "en_US", TemplateCategory.UTILITY, TemplateParameterFormat.POSITIONAL,
            TemplateJson.Element(TemplateJson.Serialize(components)), TemplateStatus.APPROVED, null, "GREEN", null, null, [], variables,
            TemplateRenderer.Render(components), now, now, null, null);
    }

    [Fact]
    public async Task The_audience_step_asks_for_the_audience_it_shows()
    {
        var draft = new CampaignDraft();
        var step = Render<CampaignAudienceStep>(p => p.Add(s => s.Draft, draft));
        Assert.Equal("Paste at least one phone number.", step.Instance.Validate());

        await step.Find("textarea").ChangeAsync(new ChangeEventArgs { Value = "  \n+447700900001\n\n+447700900002 " });
        Assert.Null(step.Instance.Validate());
        Assert.Equal(["+447700900001", "+447700900002"], draft.PastedPhones());

        draft.Audience = CampaignAudienceKind.Tag;
        step.Render();
        Assert.Equal("Choose a tag.", step.Instance.Validate());
        draft.TagId = Guid.NewGuid();
        Assert.Null(step.Instance.Validate());

        draft.Audience = CampaignAudienceKind.Csv;
        step.Render();
        Assert.Contains("Choose a CSV file", step.Markup);
        Assert.Equal("Choose a CSV file with at least one row.", step.Instance.Validate());
    }

    [Fact]
    public async Task The_variables_step_names_the_required_values_still_missing_and_previews_the_typed_ones()
    {
        var draft = new CampaignDraft { Templates = [Template(FollowUp)] };
        draft.ChooseTemplate(draft.Templates[0].Id);
        draft.PrepareVariables();
        var step = Render<CampaignVariablesStep>(p => p.Add(s => s.Draft, draft));
        var labels = draft.Template!.Variables.Select(v => v.Label).ToList();
        Assert.Equal($"Say where the values come from: {labels[0]}, {labels[1]}.", step.Instance.Validate());

        Assert.Contains(step.FindAll("label"), l => l.TextContent.Trim() == $"Value of {labels[0]}");
        // The group of the first variable: its source, then its value.
        await step.FindAll($"div[role=group][aria-label='{labels[0]}'] input").Last().InputAsync(new ChangeEventArgs { Value = "friend" });
        Assert.Equal($"Say where the values come from: {labels[1]}.", step.Instance.Validate());
        Assert.Contains("Hello friend, we are following up", step.Find("[data-testid=preview-body]").TextContent);

        draft.Sources[draft.Template.Variables[1].Key] = CampaignVariableSource.ContactName; // read from each contact: nothing to type
        Assert.Null(step.Instance.Validate());
        Assert.Equal(new Dictionary<string, string?> { [draft.Template.Variables[0].Key] = "friend", [draft.Template.Variables[1].Key] = "{{contact.name}}" }, draft.Mapping());
    }
}
