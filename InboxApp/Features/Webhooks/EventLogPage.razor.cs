using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Radzen.Blazor;

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
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

    private Actor? actor;
    private bool canView;
    private bool platform;
    private RadzenDataGrid<WebhookEventDto>? grid;
    // Null until the first load: the grid asks LoadData for its first page only while Data is null.
    private IReadOnlyList<WebhookEventDto>? events;
    private int count;
    private bool loading;
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

    private async Task LoadDataAsync(LoadDataArgs args)
    {
        loading = true;
        try
        {
            var skip = args.Skip ?? 0;
            var take = args.Top ?? PageSize;
            var result = platform
                ? await Events.ListPlatformProblemsAsync(actor!, Filter(), skip, take)
                : await Events.ListAsync(actor!, Filter(), skip, take);
            events = result.Items;
            count = result.Total;
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not load the event log", e.Message);
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ApplyFiltersAsync()
    {
        if (grid is null) return;
        await grid.FirstPage();
        await grid.Reload();
    }

    private async Task OnStatusFilterAsync(ChangeEventArgs e)
    {
        statusFilter = Enum.TryParse<WebhookDeliveryStatus>(e.Value?.ToString(), out var s) ? s : null;
        await ApplyFiltersAsync();
    }

    private async Task OnKindFilterAsync(ChangeEventArgs e)
    {
        kindFilter = string.IsNullOrEmpty(e.Value?.ToString()) ? null : e.Value!.ToString();
        await ApplyFiltersAsync();
    }

    private async Task ShowAsync(WebhookEventDto e)
    {
        try
        {
            var detail = platform ? await Events.GetAnyAsync(actor!, e.Id) : await Events.GetAsync(actor!, e.Id);
            var replayed = await Dialogs.OpenAsync<EventDetailDialog>($"Delivery of {e.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC",
                new Dictionary<string, object?> { [nameof(EventDetailDialog.Event)] = detail },
                new DialogOptions { Width = "760px", CloseDialogOnEsc = true });
            if (replayed is true) await ReplayAsync(e.Id);
        }
        catch (InboxException ex)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not open the event", ex.Message);
        }
    }

    private async Task ReplayAsync(Guid id)
    {
        try
        {
            if (platform) await Events.ReplayAnyAsync(actor!, id);
            else await Events.ReplayAsync(actor!, id);
            Notifications.Notify(NotificationSeverity.Success, "Replay queued", "The delivery will be processed again in a moment.");
            if (grid is not null) await grid.Reload();
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not replay the event", e.Message);
        }
    }
}
