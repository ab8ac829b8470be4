# One transformer block (pre-LayerNorm), read from the bottom
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-block.gp
set terminal pngcairo size 760,860 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-block.png'
set termoption noenhanced
set title 'One transformer block (pre-LayerNorm), read from the bottom' font ',15'
set xlabel ''
set ylabel ''
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
unset border
unset tics
unset grid
unset key
set xrange [0:100]
set yrange [0:110]
set label 'x: [B, T, d], the residual stream' at 30.0,4.0 center front
set arrow from 22.0,8.0 to 22.0,46.8 nohead lc rgb '#555555' lw 2 front
set arrow from 22.0,51.2 to 22.0,88.8 nohead lc rgb '#555555' lw 2 front
set arrow from 22.0,93.2 to 22.0,104.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 22.0,16.0 to 64.0,16.0 nohead lc rgb '#555555' lw 2 front
set arrow from 64.0,16.0 to 64.0,21.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 44.0,21.0 to 84.0,29.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'LayerNorm' at 64.0,25.0 center front
set arrow from 64.0,29.0 to 64.0,33.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 44.0,33.0 to 84.0,45.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'causal multi-head attention' at 64.0,40.3 center front
set label 'h heads, each d/h wide' at 64.0,37.7 center front
set arrow from 64.0,45.0 to 64.0,49.0 nohead lc rgb '#555555' lw 2 front
set arrow from 64.0,49.0 to 24.0,49.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object circle at 22.0,49.0 size 2.2 fc rgb '#ffffff' fs solid border lc rgb '#555555' front
set label '+' at 22.0,49.0 center front font ',14'
set arrow from 22.0,58.0 to 64.0,58.0 nohead lc rgb '#555555' lw 2 front
set arrow from 64.0,58.0 to 64.0,63.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 44.0,63.0 to 84.0,71.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'LayerNorm' at 64.0,67.0 center front
set arrow from 64.0,71.0 to 64.0,75.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 44.0,75.0 to 84.0,87.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'MLP: d → 4d → d' at 64.0,82.3 center front
set label 'GELU in the middle' at 64.0,79.7 center front
set arrow from 64.0,87.0 to 64.0,91.0 nohead lc rgb '#555555' lw 2 front
set arrow from 64.0,91.0 to 24.0,91.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object circle at 22.0,91.0 size 2.2 fc rgb '#ffffff' fs solid border lc rgb '#555555' front
set label '+' at 22.0,91.0 center front font ',14'
set label 'to the next block (after the last one: LayerNorm, then logits)' at 48.0,107.0 center front
plot NaN notitle
