using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Routing;
using InboxApp.Core.Teams;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Routing;

/// <summary>Settings › Routing: the rules (admins edit, supervisors read), the "test this message" box, hours, replies, teams and queues.</summary>
public partial class RoutingPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private RoutingService Routing { get; set; } = default!;
    [Inject] private TeamService TeamService { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private List<RoutingRuleDto>? rules;
    private IReadOnlyList<TeamDto> teams = [];
    private string? testText;
    private string? testPhone;
    private string? testTags;
    private MessageType testType = MessageType.TEXT;
    private RoutingTestResultDto? testResult;

    private bool IsAdmin => actor is { OrganizationId: not null } a && a.AtLeast(UserRole.ADMIN) && !a.IsSuperAdmin;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (actor.OrganizationId is null || !actor.AtLeast(UserRole.SUPERVISOR) || actor.IsSuperAdmin) return;
        teams = await TeamService.ListAsync(actor, includeInactive: false);
        await ReloadAsync();
    }

    private async Task ReloadAsync() => rules = [.. await Routing.ListAsync(actor!)];

    private Task CreateAsync() => OpenAsync("New rule", null);

    private Task EditAsync(RoutingRuleDto rule) => OpenAsync($"Edit {rule.Name}", rule);

    private async Task OpenAsync(string title, RoutingRuleDto? rule)
    {
        var parameters = new DialogParameters<RuleDialog> { { d => d.Actor, actor! }, { d => d.Rule, rule }, { d => d.Teams, teams } };
        var dialog = await Dialogs.ShowAsync<RuleDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private MudDropContainer<RoutingRuleDto>? dropContainer;

    /// <summary>A rule dropped at another place of the list: the new order is saved as the rules' priorities.</summary>
    private async Task OnRuleDroppedAsync(MudItemDropInfo<RoutingRuleDto> dropped)
    {
        if (dropped.Item is not { } rule) return;
        // One drop at a time: a second one (a quick second drag) starts from the order the first saved.
        await dropGate.WaitAsync();
        try
        {
            var order = rules!.Select(r => r.Id).Where(id => id != rule.Id).ToList();
            order.Insert(Math.Clamp(dropped.IndexInZone, 0, order.Count), rule.Id);
            if (order.SequenceEqual(rules!.Select(r => r.Id))) return;
            await RunAsync(async () => rules = [.. await Routing.ReorderAsync(actor!, order)]);
        }
        finally
        {
            dropGate.Release();
            dropContainer?.Refresh();
        }
    }

    private readonly SemaphoreSlim dropGate = new(1, 1);

    private async Task MoveAsync(RoutingRuleDto rule, int by)
    {
        var order = rules!.Select(r => r.Id).ToList();
        var index = order.IndexOf(rule.Id);
        var target = index + by;
        if (target < 0 || target >= order.Count) return;
        (order[index], order[target]) = (order[target], order[index]);
        await RunAsync(async () => rules = [.. await Routing.ReorderAsync(actor!, order)]);
    }

    private async Task DeleteAsync(RoutingRuleDto rule)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete rule", $"Delete the rule “{rule.Name}”?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Routing.DeleteAsync(actor!, rule.Id);
            Snackbar.Add($"“{rule.Name}” deleted", Severity.Success);
            await ReloadAsync();
        });
    }

    private Task TestAsync() => RunAsync(async () =>
    {
        var tags = (testTags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        testResult = await Routing.TestAsync(actor!, new RoutingTestInput(testText, testType, testPhone, tags, null, null, null));
    });

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }
}

/// <summary>Conditions in words, for lists.</summary>
public static class RuleText
{
    public static string Describe(RoutingCondition c)
    {
        var values = string.Join(", ", c.Values ?? []);
        var scope = c.Scope == MessageScope.FIRST_MESSAGE ? " (first message)" : "";
        return c.Type switch
        {
            RoutingConditionType.KEYWORDS => $"message contains {values}{scope}",
            RoutingConditionType.REGEX => $"message matches /{values}/{scope}",
            RoutingConditionType.CONTACT_TAG => $"contact tagged {values}",
            RoutingConditionType.CONTACT_ATTRIBUTE => $"contact {c.Key} is {values}",
            RoutingConditionType.COUNTRY => $"number from {values}",
            RoutingConditionType.PHONE_NUMBER => $"written to {values}",
            RoutingConditionType.MESSAGE_TYPE => $"message type {values}{scope}",
            RoutingConditionType.LANGUAGE => $"language is {string.Join(" or ", (c.Values ?? []).Select(LanguageDetection.NameOf))}",
            _ => $"{values.ToLowerInvariant()} business hours",
        };
    }
}
