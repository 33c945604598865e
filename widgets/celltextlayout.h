#pragma once

#include <QFont>
#include <QGlyphRun>
#include <QRawFont>
#include <QString>

#include <array>
#include <vector>

class QPainter;

namespace hs::ui {

// Lays out one line of a grid cell's text without shaping it, from a table of
// glyphs and advances that Qt's own shaping of the same font produced, so the
// glyphs and their positions are exactly those QTextLayout gives (pair kerning
// included). Shaping (HarfBuzz via QTextLayout) costs several microseconds per
// cell and a screenful of new numbers has thousands of cells; a lookup per
// character costs nanoseconds.
//
// Covers printable ASCII and the ellipsis, which is what numbers, placeholders
// and most names are made of. Text it cannot vouch for (other characters, a
// trailing space, a character the font has no glyph for, a pair that shapes to
// a ligature or another glyph) is refused, and the caller shapes it the usual
// way. Each glyph and each pair is shaped once, the first time it is met.
//
// Widths are in Qt's fixed-point text units (1/64 pixel), as QTextEngine
// counts them, so that eliding decides exactly as QFontMetrics::elidedText.
// GUI thread only (QTextLayout needs the font database).
class CellTextLayout
{
public:
    explicit CellTextLayout(const QFont &font);

    const QFont &font() const { return m_font; }
    // False when the font cannot be tabulated (then every layout is refused).
    bool isValid() const { return m_valid; }
    // Of a line of this font, as QTextLine reports them.
    qreal ascent() const { return m_ascent; }
    qreal lineHeight() const { return m_height; }

    // Lays out `text` on one line. Returns false if the text must be shaped.
    bool layout(QStringView text);
    // Lays out `text` elided on the right to `width` pixels as
    // QFontMetrics::elidedText(text, Qt::ElideRight, width) does (the result
    // may be the text itself, or empty). Returns false if it must be shaped.
    bool layoutElided(QStringView text, int width);

    // Of the last layout, in 1/64 px: its advance (QTextLine::
    // horizontalAdvance, where right-aligned text is aligned by) and its
    // natural width (QTextLine::naturalTextWidth: the advance and the last
    // glyph's overhang, what decides eliding in item views).
    qint32 width() const { return m_width; }
    qint32 naturalWidth() const { return m_natural; }
    // Of the last layout: its glyphs and the text they show (for tests; the
    // ellipsis appears as U+2026).
    int glyphCount() const { return int(m_outGlyphs.size()); }
    QString text() const;
    // Glyph positions of the last layout relative to the start of its baseline.
    std::vector<QPointF> positions() const { return m_outPositions; }
    // Draws the last layout with its baseline starting at `origin`, in the
    // painter's pen.
    void draw(QPainter *painter, const QPointF &origin);

    static constexpr qint32 Unit = 64; // fixed-point units per pixel

private:
    enum class State : quint8 { Unknown, Ok, Refused };
    struct Glyph
    {
        quint32 index = 0;
        qint32 advance = 0;  // with no kerning (as the last glyph of a line)
        qint32 overhang = 0; // how far its ink reaches past the advance, if it does
        State state = State::Unknown;
    };
    static constexpr int Slots = 128; // 0x20..0x7e, and the ellipsis at 127
    static constexpr int EllipsisSlot = 127;
    static int slotOf(char16_t c);

    bool glyph(int slot);
    bool pair(int a, int b, qint32 *advance);
    bool prepare(QStringView text, int count, bool ellipsis);

    QFont m_font;
    QRawFont m_rawFont;
    bool m_valid = false;
    qreal m_ascent = 0, m_height = 0;
    std::array<Glyph, Slots> m_glyphs{};
    // Advance of the first character of a pair when the second follows it.
    std::vector<qint32> m_pairAdvance;
    std::vector<State> m_pairState;

    std::vector<int> m_slots; // of the text being laid out
    std::vector<quint32> m_outGlyphs;
    std::vector<QPointF> m_outPositions;
    std::vector<char16_t> m_outChars;
    qint32 m_width = 0;
    qint32 m_natural = 0;
    QGlyphRun m_run;
};

} // namespace hs::ui
