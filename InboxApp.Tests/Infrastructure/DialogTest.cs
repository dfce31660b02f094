using AngleSharp.Dom;
using Bunit;
using InboxApp.Core.Identity;
using InboxApp.Tests.Inbox.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// bunit tests of the settings dialogs against the real application (a shared host: every test makes its own
/// organization): a dialog is opened as the pages open it, through <see cref="IDialogService"/> and a
/// <see cref="MudDialogProvider"/>; its fields are typed into and its form submitted as a person would.
/// </summary>
public abstract class DialogTest : MudBunitContext
{
    protected DialogTest(InboxAppFactory factory)
    {
        Factory = factory;
        Services.AddFallbackServiceProvider(factory.Services);
    }

    protected InboxAppFactory Factory { get; }

    /// <summary>A new organization's admin, signed in, and the same person as an <see cref="Actor"/>.</summary>
    protected async Task<(SignedIn Admin, Actor Actor)> AdminAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        return (admin, new Actor(admin.UserId, admin.OrganizationId, UserRole.ADMIN));
    }

    /// <summary>An open dialog: the provider that renders it and the reference that gives its result.</summary>
    protected sealed record OpenDialog(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Reference)
    {
        public IElement Find(string selector) => Provider.Find(selector);

        /// <summary>Types into a field: its input event (fields marked Immediate), else its change event.</summary>
        public async Task TypeAsync(string selector, string value)
        {
            try
            {
                await Provider.Find(selector).InputAsync(new ChangeEventArgs { Value = value });
            }
            catch (MissingEventHandlerException)
            {
                await Provider.Find(selector).ChangeAsync(new ChangeEventArgs { Value = value });
            }
        }

        public Task SubmitAsync(string formId) => Provider.Find("#" + formId).SubmitAsync();

        /// <summary>The error the dialog shows (its alert), once it is there.</summary>
        public string Error()
        {
            Provider.WaitForElement(".mud-dialog .mud-alert");
            return Provider.Find(".mud-dialog .mud-alert").TextContent;
        }

        public bool IsOpen => Provider.FindAll(".mud-dialog").Count > 0;

        /// <summary>Waits for the dialog to close and answers whether it closed with OK (saved), not cancelled.</summary>
        public async Task<bool> ClosedWithOkAsync()
        {
            var result = await Reference.Result.WaitAsync(TimeSpan.FromSeconds(10));
            return result is { Canceled: false };
        }
    }

    protected async Task<OpenDialog> OpenAsync<TDialog>(string title, DialogParameters<TDialog> parameters) where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await service.ShowAsync<TDialog>(title, parameters));
        provider.WaitForElement(".mud-dialog");
        return new OpenDialog(provider, reference!);
    }
}
