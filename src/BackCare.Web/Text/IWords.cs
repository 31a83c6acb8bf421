namespace BackCare.Web.Text;

/// <summary>A language file's words by key, with numbers put into them: what a form's problems are said in.</summary>
public interface IWords
{
    string Format(string key, params object[] values);
}
