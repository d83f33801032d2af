<?xml version="1.0" encoding="utf-8"?>
<!--
  Shown when a feed is opened in a browser: turns an RSS 2.0 or Atom 1.0
  feed of this site into a readable page with clickable entries. Feed
  readers ignore it. XSLT 1.0, the only version browsers run.

  Every feed names this file first and feed.css second: a browser that runs
  XSLT uses this file and ignores feed.css; one that does not (XSLT turned
  off or removed) styles the raw feed with feed.css.

  Entry content is escaped HTML in the feeds; it is not rendered here
  (disable-output-escaping does nothing in Firefox, and item HTML is best
  read in a feed reader or on the issue page). The page shows each entry's
  plain-text summary instead, cut after about 400 characters.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="rss" select="/rss/channel"/>
  <xsl:variable name="atom" select="/atom:feed"/>
  <xsl:variable name="title" select="normalize-space(concat($rss/title, $atom/atom:title))"/>
  <xsl:variable name="description" select="normalize-space(concat($rss/description, $atom/atom:subtitle))"/>
  <xsl:variable name="lang" select="string(($rss/language | $atom/@xml:lang)[1])"/>
  <!-- The feed's own address, to paste into a reader. -->
  <xsl:variable name="self" select="string(($rss/atom:link[@rel = 'self'] | $atom/atom:link[@rel = 'self'])[1]/@href)"/>
  <!-- The site's home page as the feed names it (the configured base URL). -->
  <xsl:variable name="home" select="string($rss/link | $atom/atom:link[@rel = 'alternate'][1]/@href)"/>
  <!-- The site's root relative to the feed (`../`, `../../`), so the links
       to the home page and the stylesheet work wherever the site is
       served; the absolute home page when the feed is not below it. -->
  <xsl:variable name="root">
    <xsl:choose>
      <xsl:when test="$home != '' and starts-with($self, $home)">
        <xsl:call-template name="parents">
          <xsl:with-param name="path" select="substring-after($self, $home)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$home"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html>
      <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="{$root}style.css"/>
        <link rel="icon" type="image/svg+xml" href="{$root}favicon.svg"/>
        <style>
          .subscribe { margin: 1rem 0 1.5rem; padding: 0.75rem 1rem; background: #eef3fd; border-radius: 6px; }
          .subscribe code { display: block; margin-top: 0.3rem; overflow-wrap: anywhere; user-select: all; }
          .entry { margin: 1rem 0; padding-bottom: 1rem; border-bottom: 1px solid var(--line, #dadce0); }
          .entry h2 { border: 0; margin: 0; padding: 0; font-size: 1.1rem; }
          .entry .meta { color: var(--muted, #5f6368); font-size: 0.85rem; margin: 0.2rem 0; }
          .entry p.summary { margin: 0.4rem 0 0; overflow-wrap: anywhere; }
        </style>
      </head>
      <body>
        <header><a href="{$root}index.html">All feeds and issues</a></header>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="$description"/></p>
          <div class="subscribe">
            <strong>This is a web feed.</strong>
            Copy its address into your feed reader to subscribe:
            <code><xsl:value-of select="$self"/></code>
          </div>
          <xsl:apply-templates select="$rss/item | $atom/atom:entry"/>
          <xsl:if test="not($rss/item | $atom/atom:entry)"><p>This feed has no entries yet.</p></xsl:if>
        </main>
        <footer class="footer-text"><p><a href="{$root}index.html">All feeds and issues</a></p></footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item | atom:entry">
    <xsl:variable name="link" select="string(link | atom:link[@rel = 'alternate' or not(@rel)][1]/@href)"/>
    <article class="entry">
      <h2>
        <xsl:choose>
          <xsl:when test="starts-with($link, 'https://') or starts-with($link, 'http://')">
            <a href="{$link}"><xsl:value-of select="title | atom:title"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="title | atom:title"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <p class="meta">
        <xsl:apply-templates select="pubDate | atom:published | atom:updated[not(../atom:published)]"/>
        <xsl:for-each select="category | atom:category">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="concat(self::category, @term)"/>
        </xsl:for-each>
      </p>
      <xsl:variable name="summary">
        <xsl:choose>
          <!-- RSS description: plain text escaped as HTML body text, cut
               first to bound the unescaping's depth of recursion. -->
          <xsl:when test="description">
            <xsl:variable name="text">
              <xsl:call-template name="unescape">
                <xsl:with-param name="text">
                  <xsl:call-template name="cut">
                    <xsl:with-param name="text" select="normalize-space(description)"/>
                    <xsl:with-param name="max" select="3000"/>
                    <xsl:with-param name="ellipsis" select="''"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:variable>
            <xsl:call-template name="cut"><xsl:with-param name="text" select="string($text)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="cut"><xsl:with-param name="text" select="normalize-space(atom:summary)"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="string($summary) != ''"><p class="summary"><xsl:value-of select="$summary"/></p></xsl:if>
    </article>
  </xsl:template>

  <!-- Atom dates: RFC 3339, shown as their day (2017-08-13). -->
  <xsl:template match="atom:published | atom:updated">
    <time datetime="{.}"><xsl:value-of select="substring(normalize-space(.), 1, 10)"/></time>
  </xsl:template>

  <!-- RSS dates: RFC 822 (Sun, 13 Aug 2017 12:59:06 +0100), shown as
       2017-08-13 like Atom's; as written when they do not read so. -->
  <xsl:template match="pubDate">
    <xsl:variable name="date" select="normalize-space(substring-after(., ','))"/>
    <xsl:variable name="day" select="substring-before($date, ' ')"/>
    <xsl:variable name="month-name" select="substring(substring-after($date, ' '), 1, 3)"/>
    <xsl:variable name="year" select="substring-before(substring-after(substring-after($date, ' '), ' '), ' ')"/>
    <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
    <xsl:choose>
      <xsl:when test="string-length($month-name) = 3 and contains($months, $month-name) and string-length($year) = 4 and number($day) = number($day)">
        <xsl:variable name="iso" select="concat($year, '-', format-number(string-length(substring-before($months, $month-name)) div 3 + 1, '00'), '-', format-number($day, '00'))"/>
        <time datetime="{$iso}"><xsl:value-of select="$iso"/></time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- `../` once per folder in `path` (feeds/topics/docker.rss: ../../). -->
  <xsl:template name="parents">
    <xsl:param name="path"/>
    <xsl:if test="contains($path, '/')">
      <xsl:text>../</xsl:text>
      <xsl:call-template name="parents"><xsl:with-param name="path" select="substring-after($path, '/')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- `text` (whitespace normalized) when it is at most a tenth longer than
       `max` characters; else its first `max` characters and the rest of
       the word they end in (so an escaped `&amp;` is never cut in two; at
       most a tenth more), then the ellipsis. -->
  <xsl:template name="cut">
    <xsl:param name="text"/>
    <xsl:param name="max" select="400"/>
    <xsl:param name="ellipsis" select="' …'"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &lt;= $max + $max div 10"><xsl:value-of select="$text"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="rest" select="substring($text, $max + 1)"/>
        <xsl:value-of select="substring($text, 1, $max)"/>
        <xsl:choose>
          <xsl:when test="contains($rest, ' ') and string-length(substring-before($rest, ' ')) &lt;= $max div 10">
            <xsl:value-of select="substring-before($rest, ' ')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="substring($rest, 1, $max div 10)"/></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="$ellipsis"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- HTML body text back to plain text: `&lt;`, `&gt;`, `&quot;`,
       `&#39;` and `&amp;` (the last, so `&amp;lt;` stays `&lt;`). One
       call per reference: the summaries are cut first, so the depth stays
       far below the processors' limits. -->
  <xsl:template name="unescape">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:value-of select="substring-before($text, '&amp;')"/>
        <xsl:variable name="after" select="substring-after($text, '&amp;')"/>
        <xsl:choose>
          <xsl:when test="starts-with($after, 'lt;')"><xsl:text>&lt;</xsl:text></xsl:when>
          <xsl:when test="starts-with($after, 'gt;')"><xsl:text>&gt;</xsl:text></xsl:when>
          <xsl:when test="starts-with($after, 'quot;')"><xsl:text>"</xsl:text></xsl:when>
          <xsl:when test="starts-with($after, '#39;')"><xsl:text>'</xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>&amp;</xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="unescape">
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="starts-with($after, 'amp;') or starts-with($after, 'lt;') or starts-with($after, 'gt;') or starts-with($after, 'quot;') or starts-with($after, '#39;')">
                <xsl:value-of select="substring-after($after, ';')"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$after"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
