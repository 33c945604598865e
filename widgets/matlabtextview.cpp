#include "matlabtextview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hs::ui {

MatlabTextView::MatlabTextView(const QString &path, const core::MatlabText &t, QWidget *parent)
    : QWidget(parent), m_path(path), m_text(new QPlainTextEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *head = new QHBoxLayout;
    auto *title = new QLabel(this);
    title->setTextFormat(Qt::RichText);
    QString about = t.empty ? tr("empty MATLAB char array (%1)").arg(t.shapeText())
                            : tr("MATLAB char array, %1").arg(t.shapeText());
    title->setText(QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style='color:gray'>%2 \u2014 %3</span>")
                       .arg(path.section(QLatin1Char('/'), -1).toHtmlEscaped(), path.toHtmlEscaped(), about.toHtmlEscaped()));
    title->setToolTip(tr("MATLAB stores arrays column by column: HDF5 sees this array's dimensions reversed, "
                         "as UTF-16 character codes. Shown here as MATLAB shows it."));
    head->addWidget(title, 1);
    auto *codes = new QPushButton(tr("Show Codes"), this);
    codes->setToolTip(tr("Open the stored character codes in a grid"));
    codes->setEnabled(!t.empty);
    head->addWidget(codes);
    layout->addLayout(head);

    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QStringList lines;
    if (t.empty)
        lines << tr("(no characters)");
    for (qsizetype i = 0; i < t.rows.size(); ++i) {
        if (t.rowsPerPage > 0 && i % t.rowsPerPage == 0 && !t.pageLabels.isEmpty()) {
            if (i > 0)
                lines << QString();
            lines << t.pageLabels.value(i / t.rowsPerPage) + QStringLiteral(" =");
        }
        lines << t.rows[i];
    }
    if (t.truncated)
        lines << QString() << tr("\u2026 (only the first characters of each row are shown)");
    m_text->setPlainText(lines.join(QLatin1Char('\n')));
    layout->addWidget(m_text, 1);
    connect(codes, &QPushButton::clicked, this, [this] { Q_EMIT codesRequested(m_path); });
}

QString MatlabTextView::text() const
{
    return m_text->toPlainText();
}

} // namespace hs::ui
