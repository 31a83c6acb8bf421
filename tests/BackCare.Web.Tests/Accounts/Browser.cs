using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackCare.Web.Tests.Accounts;

/// <summary>
/// A browser without script for the account pages: keeps cookies, does not follow redirects by itself (so a test
/// can see where it is sent), reads forms with AngleSharp and submits them with every hidden field, including the
/// antiforgery token.
/// </summary>
internal sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _client;

    public Browser(WebApplicationFactory<Program> factory)
    {
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = factory.ClientOptions.BaseAddress });
    }

    public HttpClient Client => _client;

    public IHtmlDocument Document { get; private set; } = null!;

    public HttpResponseMessage Response { get; private set; } = null!;

    /// <summary>The address of the page now shown (after any redirects).</summary>
    public string Address { get; private set; } = "";

    /// <summary>The redirects the last request went through, in order.</summary>
    public List<string> Redirects { get; } = [];

    public string Text => Document.Body?.TextContent ?? "";

    /// <summary>Every cookie the site set, as "name=value", latest last: to replay an old cookie after signing out.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>The sign-in cookie the site set last, as "name=value", or null.</summary>
    public string? SignInCookie => SetCookies.LastOrDefault(c => c.Split('=')[0].EndsWith("BackCare.SignIn", StringComparison.Ordinal) && c.Split('=', 2)[1].Length > 0);

    public Task Open(string url) => Send(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Fills in the form that <paramref name="selector"/> picks (default: the one in the main content) and submits it.</summary>
    public async Task Submit(Dictionary<string, string> fields, string selector = "main form")
    {
        var form = Document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {Address}.");
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => !fields.ContainsKey(i.Name!))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(fields)
            .ToList();
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? Address : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        await Send(new HttpRequestMessage(HttpMethod.Post, action) { Content = content });
    }

    /// <summary>Submits a form with fields that may repeat (ticked boxes share a name), keeping its hidden fields.</summary>
    public async Task Submit(IEnumerable<KeyValuePair<string, string>> fields, string selector)
    {
        var form = Document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {Address}.");
        var given = fields.ToList();
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => given.All(f => f.Key != i.Name))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(given)
            .ToList();
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? Address : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        await Send(new HttpRequestMessage(HttpMethod.Post, action) { Content = content });
    }

    /// <summary>Posts fields as they are, without reading a form (e.g. to show a post without its antiforgery token is refused).</summary>
    public async Task Post(string action, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        await Send(new HttpRequestMessage(HttpMethod.Post, action) { Content = content });
    }

    public async Task FollowLink(string text)
    {
        var link = Document.QuerySelectorAll("a").OfType<IHtmlAnchorElement>()
            .FirstOrDefault(a => a.TextContent.Trim().StartsWith(text, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link '{text}' on {Address}.");
        await Open(link.GetAttribute("href")!);
    }

    /// <summary>Signs up through the real page, then signs in from the "check your email" page's link, as a person would.</summary>
    public async Task SignUp(string email, string password = Accounts.Password, string displayName = "Sam")
    {
        await Open("/account/sign-up");
        await Submit(new() { ["displayName"] = displayName, ["email"] = email, ["password"] = password });
        await SignInAfterSigningUp(email, password);
    }

    /// <summary>
    /// From the "check your email" page a sign-up answers with, follows its sign-in link (which keeps the check and the
    /// return address) and signs in. Does nothing when the sign-up was refused: the page then shows why.
    /// </summary>
    public async Task SignInAfterSigningUp(string email, string password = Accounts.Password)
    {
        if (Document.QuerySelector("main h1")?.TextContent != "Check your email")
        {
            return;
        }

        await Open(Document.QuerySelector("main a.button")!.GetAttribute("href")!);
        await Submit(new() { ["email"] = email, ["password"] = password });
    }

    public async Task SignIn(string email, string password = Accounts.Password, string? returnUrl = null)
    {
        await Open(returnUrl is null ? "/account/sign-in" : "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await Submit(new() { ["email"] = email, ["password"] = password });
    }

    public void Dispose()
    {
        Response?.Dispose();
        _client.Dispose();
    }

    private async Task Send(HttpRequestMessage request)
    {
        Redirects.Clear();
        Response?.Dispose();
        Address = request.RequestUri!.OriginalString;
        Response = await _client.SendAsync(request);
        KeepCookies(Response);
        for (var hops = 0; IsRedirect(Response) && hops < 10; hops++)
        {
            var location = Response.Headers.Location!;
            var target = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            if (location.IsAbsoluteUri && location.Host != "localhost")
            {
                Redirects.Add(location.OriginalString);
                break;
            }

            Redirects.Add(target);
            Response.Dispose();
            Response = await _client.GetAsync(target);
            KeepCookies(Response);
            Address = target;
        }

        Document = Parser.ParseDocument(await Response.Content.ReadAsStringAsync());
    }

    private void KeepCookies(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            SetCookies.AddRange(cookies.Select(c => c.Split(';')[0]));
        }
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400;
}
