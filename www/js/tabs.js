// Tabs following the WAI-ARIA pattern: one tab stop for the list, arrow keys (and Home/End)
// move between tabs, each tab shows its panel.

export function setupTabs(tabs, onShow) {
  const show = (tab, moveFocus) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (moveFocus) tab.focus();
    onShow(tab);
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => show(tab, false));
    tab.addEventListener('keydown', (event) => {
      const target = {
        ArrowRight: tabs[(index + 1) % tabs.length],
        ArrowLeft: tabs[(index - 1 + tabs.length) % tabs.length],
        Home: tabs[0],
        End: tabs[tabs.length - 1],
      }[event.key];
      if (!target) return;
      event.preventDefault();
      show(target, true);
    });
  });
}
