using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BackCare.Web.Tests.Check;

/// <summary>A browser without script: fetches pages, follows links and submits forms as they are in the HTML.</summary>
internal sealed class PageClient(HttpClient client)
{
    private static readonly HtmlParser Parser = new();

    public IHtmlDocument Document { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public HttpResponseMessage Response { get; private set; } = null!;

    public string Path => Address.AbsolutePath;

    public async Task Open(string url)
    {
        Response?.Dispose();
        Response = await client.GetAsync(url);
        await Read();
    }

    public async Task FollowLink(string text)
    {
        var links = Document.QuerySelectorAll("a").OfType<IHtmlAnchorElement>().ToList();
        var link = links.FirstOrDefault(a => a.TextContent.Trim() == text)
            ?? links.FirstOrDefault(a => a.TextContent.Trim().StartsWith(text, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link '{text}' on {Address}.");
        await Open(link.GetAttribute("href")!);
    }

    /// <summary>Submits the page's form with the given answer, keeping every hidden field (state and antiforgery token).</summary>
    public async Task Submit(string answer)
    {
        var form = Document.QuerySelector("form.question") as IHtmlFormElement
            ?? throw new InvalidOperationException($"No question form on {Address}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Append(KeyValuePair.Create("answer", answer))
            .ToList();
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? Address.PathAndQuery : form.GetAttribute("action")!;
        Response.Dispose();
        using var content = new FormUrlEncodedContent(fields);
        Response = await client.PostAsync(action, content);
        await Read();
    }

    /// <summary>Posts form fields to an address, as a form with those fields would.</summary>
    public async Task Post(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        Response?.Dispose();
        using var content = new FormUrlEncodedContent(fields);
        Response = await client.PostAsync(action, content);
        await Read();
    }

    /// <summary>Another page on the same browser (sharing its cookies).</summary>
    public PageClient Clone() => new(client);

    /// <summary>Takes over the page another client has loaded.</summary>
    public void Adopt(PageClient other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Document = other.Document;
        Address = other.Address;
        Response = other.Response;
    }

    private async Task Read()
    {
        Address = Response.RequestMessage!.RequestUri!;
        Document = Parser.ParseDocument(await Response.Content.ReadAsStringAsync());
    }
}
