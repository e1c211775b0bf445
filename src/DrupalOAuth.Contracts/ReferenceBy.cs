namespace DrupalOAuth
{
    /// <summary>How a sheet names related entities: by their labels (a term's name, a node's title, a user's name) or by their ids (UUIDs).</summary>
    public enum ReferenceBy
    {
        Label,
        Id,
    }
}
