using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Webhooks;

/// <summary>
/// Settings › Event log: an organization's webhook deliveries (admins), or for a super admin the platform's unroutable,
/// malformed and failed ones. Server-paged with outcome, kind and time filters; a dialog shows the payload and replays.
/// </summary>
public partial class EventLogPage
{
    private const int PageSize = 25;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private WebhookEventService Events { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private bool canView;
    private bool platform;
    private ServerGrid<WebhookEventDto>? grid;
    private WebhookDeliveryStatus? statusFilter;
    private string? kindFilter;
    private DateTime? from;
    private DateTime? to;

    private IReadOnlyList<WebhookDeliveryStatus> Statuses => platform ? WebhookEventService.ProblemStatuses : Enum.GetValues<WebhookDeliveryStatus>();

    private bool HasFilters => statusFilter is not null || kindFilter is not null || from is not null || to is not null;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        platform = actor.IsSuperAdmin;
        canView = platform || actor.AtLeast(UserRole.ADMIN);
    }

    private WebhookEventFilter Filter() => new(statusFilter, kindFilter, Utc(from), Utc(to));

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private async Task<GridData<WebhookEventDto>> LoadAsync(int skip, int take, CancellationToken ct)
    {
        var result = platform
            ? await Events.ListPlatformProblemsAsync(actor!, Filter(), skip, take, ct)
            : await Events.ListAsync(actor!, Filter(), skip, take, ct);
        return new GridData<WebhookEventDto> { Items = result.Items, TotalItems = result.Total };
    }

    private void ResetFilters() => (statusFilter, kindFilter, from, to) = (null, null, null, null);

    private async Task ApplyAsync(Action change)
    {
        change();
        if (grid is not null) await grid.ReloadAsync();
    }

    private async Task ShowAsync(WebhookEventDto e)
    {
        try
        {
            var detail = platform ? await Events.GetAnyAsync(actor!, e.Id) : await Events.GetAsync(actor!, e.Id);
            var dialog = await Dialogs.ShowAsync<EventDetailDialog>($"Delivery of {e.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC",
                new DialogParameters<EventDetailDialog> { { d => d.Event, detail } },
                new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
            var result = await dialog.Result;
            if (result is { Canceled: false, Data: true }) await ReplayAsync(e.Id);
        }
        catch (InboxException ex)
        {
            Snackbar.Add($"Could not open the event: {ex.Message}", Severity.Error);
        }
    }

    private async Task ReplayAsync(Guid id)
    {
        try
        {
            if (platform) await Events.ReplayAnyAsync(actor!, id);
            else await Events.ReplayAsync(actor!, id);
            Snackbar.Add("Replay queued: the delivery will be processed again in a moment.", Severity.Success);
            if (grid is not null) await grid.ReloadAsync(firstPage: false);
        }
        catch (InboxException e)
        {
            Snackbar.Add($"Could not replay the event: {e.Message}", Severity.Error);
        }
    }
}
