namespace DrupalTestServer.Site;

/// <summary>
/// The Drupal major version the site answers as: 10 (the default) or 11, chosen at start (<c>--drupal-version</c>)
/// and switched by tests until the next reset, which restores the one the server started with.
/// </summary>
public sealed class DrupalVersion(ServerOptions options)
{
    public const int Drupal10 = 10;
    public const int Drupal11 = 11;

    private volatile int major = options.DrupalVersion;

    public int Major
    {
        get => major;
        set => major = IsKnown(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The test server answers as Drupal 10 or 11.");
    }

    /// <summary>What FinishResponseSubscriber sends on every answer of the site.</summary>
    public string Generator => $"Drupal {Major} (https://www.drupal.org)";

    public static bool IsKnown(int version) => version is Drupal10 or Drupal11;

    public void Reset() => major = options.DrupalVersion;
}
