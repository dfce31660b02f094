using System.Globalization;
using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.OutgoingWebhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.OutgoingWebhooks;

/// <summary>Settings › Webhooks: an organization's partner webhooks, their secrets (shown once), tests and delivery logs. Admins only.</summary>
public partial class OutgoingWebhooksPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private OutgoingWebhookService Webhooks { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private List<OutgoingWebhookDto>? hooks;
    private OutgoingWebhookDto? shownSecret;
    private OutgoingWebhookDto? editing;
    private OutgoingWebhookDto? logOf;
    private List<OutgoingWebhookDeliveryDto> deliveries = [];
    private string url = "";
    private HashSet<string> chosen = [OutgoingWebhookEvents.MessageReceived];
    private string? error;
    private bool busy;

    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanManage) await ReloadAsync();
    }

    private async Task ReloadAsync() => hooks = [.. await Webhooks.ListAsync(actor!)];

    private void Toggle(string name, bool on)
    {
        if (on) chosen.Add(name);
        else chosen.Remove(name);
    }

    private void Edit(OutgoingWebhookDto hook)
    {
        editing = hook;
        url = hook.Url;
        chosen = [.. hook.Events];
        error = null;
    }

    private void CancelEdit()
    {
        editing = null;
        url = "";
        chosen = [OutgoingWebhookEvents.MessageReceived];
        error = null;
    }

    private async Task SaveAsync()
    {
        error = null;
        busy = true;
        try
        {
            var events = OutgoingWebhookEvents.All.Where(chosen.Contains).ToList();
            if (editing is null)
            {
                shownSecret = await Webhooks.CreateAsync(actor!, url, events, null);
                Snackbar.Add("Webhook added", Severity.Success);
            }
            else
            {
                await Webhooks.UpdateAsync(actor!, editing.Id, url, events, null);
                Snackbar.Add("Webhook saved", Severity.Success);
            }
            CancelEdit();
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            error = e.Details?.Values.SelectMany(v => v).FirstOrDefault() ?? e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SetActiveAsync(OutgoingWebhookDto hook, bool active) =>
        await RunAsync(async () =>
        {
            await Webhooks.UpdateAsync(actor!, hook.Id, null, null, active);
            Snackbar.Add(active ? "The webhook is on again" : "The webhook is turned off", Severity.Info);
        });

    private async Task TestAsync(OutgoingWebhookDto hook) =>
        await RunAsync(async () =>
        {
            var result = await Webhooks.TestAsync(actor!, hook.Id);
            Snackbar.Add(result.Status == OutgoingWebhookDeliveryStatus.DELIVERED
                ? $"Test delivered: {result.ResponseStatus} in {result.LatencyMs} ms"
                : $"Test failed: {result.LastError}", result.Status == OutgoingWebhookDeliveryStatus.DELIVERED ? Severity.Success : Severity.Error);
            if (logOf?.Id == hook.Id) await LoadDeliveriesAsync();
        });

    private async Task RotateAsync(OutgoingWebhookDto hook)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Rotate secret",
            "Make a new signing secret? The current one keeps signing beside it for a while, so you can update your endpoint in time.",
            yesText: "Rotate", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(async () => shownSecret = await Webhooks.RotateSecretAsync(actor!, hook.Id, null));
    }

    private async Task DeleteAsync(OutgoingWebhookDto hook)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete webhook", $"Delete the webhook to {hook.Url} and its delivery log?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Webhooks.DeleteAsync(actor!, hook.Id);
            if (logOf?.Id == hook.Id) logOf = null;
            // The form must not go on editing (a save would answer "not found"), nor the box show a deleted endpoint's secret.
            if (editing?.Id == hook.Id) CancelEdit();
            if (shownSecret?.Id == hook.Id) shownSecret = null;
            Snackbar.Add("Webhook deleted", Severity.Success);
        });
    }

    private async Task ShowDeliveriesAsync(OutgoingWebhookDto hook)
    {
        logOf = hook;
        await RunAsync(LoadDeliveriesAsync);
    }

    private async Task LoadDeliveriesAsync() =>
        deliveries = [.. (await Webhooks.DeliveriesAsync(actor!, logOf!.Id, null, 0, 50)).Items];

    private async Task RedeliverAsync(OutgoingWebhookDeliveryDto delivery) =>
        await RunAsync(async () =>
        {
            await Webhooks.RedeliverAsync(actor!, delivery.WebhookId, delivery.Id);
            Snackbar.Add("Queued for delivery again", Severity.Info);
            await LoadDeliveriesAsync();
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
        await ReloadAsync();
    }

    private static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
