using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Partners;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Partners;

/// <summary>Settings › Embedding: admins list the origins allowed to frame the organization's pages and see their partner's.</summary>
public partial class FrameOriginsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private FrameOriginsService Origins { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private FrameOriginsDto? current;
    private string text = "";
    private string? error;
    private bool busy;

    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (!CanManage) return;
        Show(await Origins.GetAsync(actor));
    }

    private void Show(FrameOriginsDto origins)
    {
        current = origins;
        text = string.Join(Environment.NewLine, origins.Origins);
    }

    private async Task SaveAsync()
    {
        error = null;
        busy = true;
        try
        {
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            Show(await Origins.SetAsync(actor!, lines));
            Snackbar.Add("Origins saved", Severity.Success);
        }
        catch (InboxException e)
        {
            error = e.Details is { Count: > 0 } details
                ? string.Join(" ", details.Select(d => $"{Field(d.Key)}{string.Join(" ", d.Value)}"))
                : e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary><c>origins[2]</c> names the third origin given.</summary>
    private static string Field(string key) =>
        key.StartsWith("origins[", StringComparison.Ordinal) && int.TryParse(key["origins[".Length..].TrimEnd(']'), out var i) ? $"Origin {i + 1}: " : "";
}
