#include "celltextlayout.h"

#include <QPainter>
#include <QTextLayout>

#include <cmath>

namespace hs::ui {

namespace {

constexpr char16_t Ellipsis = 0x2026;

// One line of `text` shaped by Qt, as QStyledItemDelegate's text is.
struct Shaped
{
    QList<QGlyphRun> runs;
    qreal naturalWidth = 0; // with the last glyph's overhang
    qreal advance = 0;      // where the next glyph would go
    qreal ascent = 0;
    qreal height = 0;
    bool ok = false;
};

Shaped shape(const QString &text, const QFont &font)
{
    Shaped s;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::ManualWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid()) {
        line.setLineWidth(1e6);
        s.ok = !layout.createLine().isValid(); // exactly one line
    }
    layout.endLayout();
    if (!s.ok)
        return s;
    line = layout.lineAt(0);
    s.runs = layout.glyphRuns();
    s.naturalWidth = line.naturalTextWidth();
    s.advance = line.horizontalAdvance();
    s.ascent = line.ascent();
    s.height = line.height();
    return s;
}

qint32 fixed(qreal px)
{
    return qint32(std::lround(px * CellTextLayout::Unit));
}

} // namespace

CellTextLayout::CellTextLayout(const QFont &font) : m_font(font)
{
    m_pairAdvance.assign(size_t(Slots) * Slots, 0);
    m_pairState.assign(size_t(Slots) * Slots, State::Unknown);
    const Shaped zero = shape(QStringLiteral("0"), m_font);
    if (!zero.ok || zero.runs.size() != 1)
        return;
    m_rawFont = zero.runs.front().rawFont();
    m_ascent = zero.ascent;
    m_height = zero.height;
    m_valid = m_rawFont.isValid();
}

int CellTextLayout::slotOf(char16_t c)
{
    if (c >= 0x20 && c < 0x7f)
        return int(c);
    return c == Ellipsis ? EllipsisSlot : -1;
}

bool CellTextLayout::glyph(int slot)
{
    Glyph &g = m_glyphs[size_t(slot)];
    if (g.state == State::Unknown) {
        g.state = State::Refused;
        const char16_t c = slot == EllipsisSlot ? Ellipsis : char16_t(slot);
        const Shaped s = shape(QString(QChar(c)), m_font);
        if (s.ok && s.runs.size() == 1 && s.runs.front().glyphIndexes().size() == 1 && s.runs.front().rawFont() == m_rawFont
            && s.ascent == m_ascent && s.height == m_height) {
            g.index = s.runs.front().glyphIndexes().front();
            // Qt leaves a trailing space out of a line's width; text ending
            // in one is refused, so a space's own numbers are never used.
            g.advance = fixed(s.advance);
            g.overhang = fixed(s.naturalWidth) - g.advance;
            g.state = State::Ok;
        }
    }
    return g.state == State::Ok;
}

bool CellTextLayout::pair(int a, int b, qint32 *advance)
{
    const size_t i = size_t(a) * Slots + size_t(b);
    if (m_pairState[i] == State::Unknown) {
        m_pairState[i] = State::Refused;
        if (glyph(a) && glyph(b)) {
            const QChar ca = a == EllipsisSlot ? QChar(Ellipsis) : QChar(a);
            const QChar cb = b == EllipsisSlot ? QChar(Ellipsis) : QChar(b);
            const Shaped s = shape(QString(ca) + cb, m_font);
            // Two glyphs, the same ones as alone (no ligature, no contextual
            // form), from the same font: then the pair differs from its
            // characters only by the first one's advance (kerning).
            if (s.ok && s.runs.size() == 1 && s.runs.front().rawFont() == m_rawFont) {
                const QGlyphRun &run = s.runs.front();
                const QList<quint32> idx = run.glyphIndexes();
                const QList<QPointF> pos = run.positions();
                const Glyph &gb = m_glyphs[size_t(b)];
                const qint32 first = fixed(pos.value(1).x() - pos.value(0).x());
                if (idx.size() == 2 && pos.size() == 2 && idx[0] == m_glyphs[size_t(a)].index && idx[1] == gb.index
                    && pos[0].y() == pos[1].y() && (b == ' ' || fixed(s.advance) == first + gb.advance)) {
                    m_pairAdvance[i] = first;
                    m_pairState[i] = State::Ok;
                }
            }
        }
    }
    *advance = m_pairAdvance[i];
    return m_pairState[i] == State::Ok;
}

bool CellTextLayout::layout(QStringView text)
{
    if (!m_valid)
        return false;
    const int n = int(text.size());
    m_slots.resize(size_t(n));
    for (int i = 0; i < n; ++i)
        if ((m_slots[size_t(i)] = slotOf(text[i].unicode())) < 0)
            return false;
    if (n > 0 && text[n - 1] == QLatin1Char(' '))
        return false;
    return prepare(text, n, false);
}

bool CellTextLayout::layoutElided(QStringView text, int width)
{
    if (!layout(text))
        return false;
    // QTextEngine::elidedText (it counts advances, not the overhang): the text itself when it fits or is one
    // character; else as many characters as fit before an ellipsis, counting
    // each one's advance within the whole text.
    const qint32 available = width * Unit;
    const int n = int(text.size());
    if (m_width <= available || n <= 1)
        return true;
    if (!glyph(EllipsisSlot))
        return false;
    const qint32 room = available - m_glyphs[EllipsisSlot].advance;
    if (room < 0)
        return prepare(text, 0, false);
    qint32 used = 0;
    int pos = 0, next = 0;
    do {
        pos = next;
        ++next;
        qint32 adv = m_glyphs[size_t(m_slots[size_t(pos)])].advance;
        if (next < n)
            pair(m_slots[size_t(pos)], m_slots[size_t(next)], &adv); // known: layout() succeeded
        used += adv;
    } while (next < n && used < room);
    m_slots.resize(size_t(pos));
    m_slots.push_back(EllipsisSlot);
    return prepare(text, pos, true);
}

bool CellTextLayout::prepare(QStringView text, int count, bool ellipsis)
{
    const int n = count + (ellipsis ? 1 : 0);
    m_outGlyphs.resize(size_t(n));
    m_outPositions.resize(size_t(n));
    m_outChars.resize(size_t(n));
    qint32 x = 0;
    for (int i = 0; i < n; ++i) {
        const int s = m_slots[size_t(i)];
        if (!glyph(s))
            return false;
        m_outGlyphs[size_t(i)] = m_glyphs[size_t(s)].index;
        m_outPositions[size_t(i)] = QPointF(qreal(x) / Unit, 0);
        m_outChars[size_t(i)] = i < count ? text[i].unicode() : Ellipsis;
        qint32 adv = m_glyphs[size_t(s)].advance;
        if (i + 1 < n && !pair(s, m_slots[size_t(i + 1)], &adv))
            return false;
        x += adv;
    }
    m_width = x;
    m_natural = n > 0 ? x + m_glyphs[size_t(m_slots[size_t(n - 1)])].overhang : 0;
    return true;
}

QString CellTextLayout::text() const
{
    return QString(reinterpret_cast<const QChar *>(m_outChars.data()), qsizetype(m_outChars.size()));
}

void CellTextLayout::draw(QPainter *painter, const QPointF &origin)
{
    if (m_outGlyphs.empty())
        return;
    m_run.setRawFont(m_rawFont);
    m_run.setRawData(m_outGlyphs.data(), m_outPositions.data(), int(m_outGlyphs.size()));
    painter->drawGlyphRun(origin, m_run);
}

} // namespace hs::ui
