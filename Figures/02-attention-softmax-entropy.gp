# Softmax entropy over 32 keys against dimension d
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-softmax-entropy.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-softmax-entropy.png'
set termoption noenhanced
set title 'Softmax entropy over 32 keys against dimension d' font ',15'
set xlabel 'dimension d of queries and keys (log scale)'
set ylabel 'entropy of the attention weights (nats)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom left box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
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
plot '02-attention-softmax-entropy.dat' index 0 using 1:2 with linespoints lt 1 title 'scores / √d (scaled)', \
     '02-attention-softmax-entropy.dat' index 1 using 1:2 with linespoints lt 2 title 'raw scores q·k (unscaled)', \
     '02-attention-softmax-entropy.dat' index 2 using 1:2 with lines lt 3 dt 2 title 'uniform: ln 32'
