namespace BackCare.Web;

/// <summary>
/// The "back" link at the top of a page (<c>Shared/_BackLink.cshtml</c>): where it goes and its words, taken by the page
/// from its text file. Every page that is not reached from the header has one, in the same place and shape.
/// </summary>
public sealed record BackLink(string Href, string Text);
