using InboxApp.Auth;
using InboxApp.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace InboxApp.Features.Events;

/// <summary>The super admin's view of the event outbox (beside "Webhook problems"): counts, failures, replay.</summary>
public partial class OutboxPage
{
    private const int PageSize = 25;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private OutboxAdminService Outbox { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptions<OutboxOptions> Options { get; set; } = default!;

    private OutboxList? rows;
    private OutboxCounts? counts;
    private string statusFilter = "";
    private int pageNumber = 1;
    private bool loading;

    private int MaxAttempts => Options.Value.MaxAttempts;
    private int Pages => Math.Max(1, (int)Math.Ceiling((rows?.Total ?? 0) / (double)PageSize));

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        try
        {
            var actor = (await AuthState).User.ToActor();
            var status = Enum.TryParse<OutboxDeliveryStatus>(statusFilter, out var s) ? s : (OutboxDeliveryStatus?)null;
            rows = await Outbox.ListAsync(actor, new OutboxFilter(status), (pageNumber - 1) * PageSize, PageSize);
            counts = await Outbox.CountsAsync(actor);
        }
        finally
        {
            loading = false;
        }
    }

    private async Task OnStatusChangedAsync(string value)
    {
        statusFilter = value;
        pageNumber = 1;
        await LoadAsync();
    }

    private async Task GoAsync(int to)
    {
        pageNumber = to;
        await LoadAsync();
    }

    private async Task ReplayAsync(OutboxDeliveryDto row)
    {
        try
        {
            await Outbox.ReplayAsync((await AuthState).User.ToActor(), row.Id);
            Snackbar.Add($"{row.EventType} for {row.Listener} will be delivered again now.", Severity.Success);
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await LoadAsync();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");

    private static Color StatusColor(OutboxDeliveryStatus status) => status switch
    {
        OutboxDeliveryStatus.DELIVERED => Color.Success,
        OutboxDeliveryStatus.POISON => Color.Error,
        OutboxDeliveryStatus.PROCESSING => Color.Info,
        _ => Color.Default,
    };
}
